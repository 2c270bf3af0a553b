#include "net/proxy.hpp"

#include "net/client.hpp"
#include "net/url.hpp"

#include <boost/algorithm/string/case_conv.hpp>
#include <boost/algorithm/string/predicate.hpp>
#include <boost/algorithm/string/split.hpp>
#include <boost/algorithm/string/trim.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/url/parse.hpp>

#include <charconv>
#include <cstdlib>
#include <vector>

namespace ngd::net {
namespace {

std::string base64(std::string_view text)
{
    std::string encoded(boost::beast::detail::base64::encoded_size(text.size()), '\0');
    encoded.resize(boost::beast::detail::base64::encode(encoded.data(), text.data(), text.size()));
    return encoded;
}

std::optional<std::string> environment(const char* name)
{
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
}

// One NO_PROXY entry split into host (or CIDR block) and optional port.
struct no_proxy_entry {
    std::string host;
    std::optional<std::uint16_t> port;
};

std::optional<std::uint16_t> parse_port(std::string_view text)
{
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value == 0 || value > 65535) return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

no_proxy_entry split_entry(std::string_view text)
{
    if (text.starts_with('[')) {
        const auto close = text.find(']');
        if (close == std::string_view::npos) return {std::string(text), std::nullopt};
        const auto rest = text.substr(close + 1);
        return {std::string(text.substr(1, close - 1)),
                rest.starts_with(':') ? parse_port(rest.substr(1)) : std::nullopt};
    }
    // More than one colon is a bare IPv6 address, which cannot carry a port.
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || text.find(':', colon + 1) != std::string_view::npos)
        return {std::string(text), std::nullopt};
    return {std::string(text.substr(0, colon)), parse_port(text.substr(colon + 1))};
}

bool in_cidr_block(std::string_view block, std::string_view host)
{
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(std::string(host), ec);
    if (ec) return false;
    if (address.is_v4()) {
        const auto network = boost::asio::ip::make_network_v4(std::string(block), ec);
        return !ec && boost::asio::ip::make_network_v4(address.to_v4(), network.prefix_length()).network() ==
                          network.network();
    }
    const auto network = boost::asio::ip::make_network_v6(std::string(block), ec);
    if (ec) return false;
    const auto candidate = boost::asio::ip::make_network_v6(address.to_v6(), network.prefix_length());
    return candidate.network() == network.network();
}

bool host_matches(std::string_view pattern, std::string_view host)
{
    if (pattern.find('/') != std::string_view::npos) return in_cidr_block(pattern, host);
    if (pattern.starts_with("*.")) pattern.remove_prefix(2);
    if (pattern.starts_with('.')) pattern.remove_prefix(1);
    if (pattern.empty()) return false;
    if (boost::algorithm::iequals(pattern, host)) return true;
    return host.size() > pattern.size() && boost::algorithm::iends_with(host, pattern) &&
           host[host.size() - pattern.size() - 1] == '.';
}

}  // namespace

std::string proxy_config::authority() const { return join_host_port(host, std::to_string(port)); }

std::optional<proxy_config> parse_proxy_url(std::string_view text, std::string& error)
{
    std::string with_scheme(boost::algorithm::trim_copy(std::string(text)));
    if (with_scheme.find("://") == std::string::npos) with_scheme.insert(0, "http://");
    const auto parsed = boost::urls::parse_uri(with_scheme);
    if (!parsed || parsed->host_address().empty()) {
        error = "not a valid proxy URL (expected http://host:port)";
        return std::nullopt;
    }
    if (!boost::algorithm::iequals(parsed->scheme(), "http")) {
        error = "unsupported proxy scheme '" + std::string(parsed->scheme()) + "' (only http:// proxies)";
        return std::nullopt;
    }
    proxy_config proxy;
    proxy.host = boost::algorithm::to_lower_copy(std::string(parsed->host_address()));
    if (parsed->has_port()) {
        if (parsed->port_number() == 0) {
            error = "proxy URL has an invalid port";
            return std::nullopt;
        }
        proxy.port = parsed->port_number();
    }
    if (parsed->has_userinfo())
        proxy.authorization = "Basic " + base64(std::string(parsed->user()) + ":" + std::string(parsed->password()));
    return proxy;
}

bool no_proxy_matches(std::string_view no_proxy, std::string_view host, std::uint16_t port)
{
    std::vector<std::string> entries;
    boost::algorithm::split(entries, no_proxy, [](char c) { return c == ',' || c == ' '; });
    for (auto& text : entries) {
        boost::algorithm::trim(text);
        if (text.empty()) continue;
        if (text == "*") return true;
        const auto entry = split_entry(text);
        if (entry.port && *entry.port != port) continue;
        if (host_matches(entry.host, host)) return true;
    }
    return false;
}

void apply_proxy_environment(client_options& options)
{
    // Lower case first, as curl reads them.
    if (!options.proxy) {
        if (auto value = environment("https_proxy"))
            options.proxy = std::move(value);
        else if (auto upper = environment("HTTPS_PROXY"))
            options.proxy = std::move(upper);
    }
    if (options.no_proxy.empty()) {
        if (auto value = environment("no_proxy"))
            options.no_proxy = std::move(*value);
        else if (auto upper = environment("NO_PROXY"))
            options.no_proxy = std::move(*upper);
    }
}

}  // namespace ngd::net
