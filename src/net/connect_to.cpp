#include "net/connect_to.hpp"

#include <boost/algorithm/string/case_conv.hpp>

#include <charconv>

namespace ngd::net {
namespace {

// Reads one field of "H1:P1:H2:P2"; a host field may be an IPv6 address in brackets.
// On success `text` is left after the field and its ':' separator.
std::optional<std::string> take_field(std::string_view& text, bool last)
{
    std::string field;
    if (text.starts_with('[')) {
        const auto close = text.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        field = std::string(text.substr(1, close - 1));
        text.remove_prefix(close + 1);
        if (last) return text.empty() ? std::optional(field) : std::nullopt;
        if (!text.starts_with(':')) return std::nullopt;
        text.remove_prefix(1);
        return field;
    }
    if (last) {
        if (text.find(':') != std::string_view::npos) return std::nullopt;
        field = std::string(text);
        text = {};
        return field;
    }
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    field = std::string(text.substr(0, colon));
    text.remove_prefix(colon + 1);
    return field;
}

std::optional<std::uint16_t> port_number(const std::string& port)
{
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535) return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

bool valid_port(const std::string& port) { return port.empty() || port_number(port).has_value(); }

}  // namespace

std::optional<connect_to> parse_connect_to(std::string_view text)
{
    connect_to rule;
    std::string* fields[] = {&rule.from_host, &rule.from_port, &rule.to_host, &rule.to_port};
    for (int i = 0; i < 4; ++i) {
        auto field = take_field(text, i == 3);
        if (!field) return std::nullopt;
        *fields[i] = std::move(*field);
    }
    if (!valid_port(rule.from_port) || !valid_port(rule.to_port)) return std::nullopt;
    boost::algorithm::to_lower(rule.from_host);
    boost::algorithm::to_lower(rule.to_host);
    return rule;
}

connect_address apply_connect_to(const std::vector<connect_to>& rules, const std::string& host, std::uint16_t port)
{
    const auto port_text = std::to_string(port);
    for (const auto& rule : rules) {
        const bool host_matches = rule.from_host.empty() || rule.from_host == host;
        const bool port_matches = rule.from_port.empty() || rule.from_port == port_text;
        if (!host_matches || !port_matches) continue;
        // A rule built by hand with a bad port is skipped, as parse_connect_to would have refused it.
        const auto to_port = rule.to_port.empty() ? std::optional(port) : port_number(rule.to_port);
        if (!to_port) continue;
        return {rule.to_host.empty() ? host : rule.to_host, *to_port, true};
    }
    return {host, port, false};
}

}  // namespace ngd::net
