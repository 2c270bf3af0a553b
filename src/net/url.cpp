#include "net/url.hpp"

#include <charconv>

#include <boost/algorithm/string/case_conv.hpp>
#include <boost/algorithm/string/predicate.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <boost/url/url_view.hpp>

namespace ngd::net {
namespace {

std::optional<http_url> from_view(const boost::urls::url_view& view, std::string& error)
{
    const auto scheme = view.scheme_id();
    if (scheme != boost::urls::scheme::http && scheme != boost::urls::scheme::https) {
        error = "unsupported URL scheme '" + std::string(view.scheme()) + "' (only http and https)";
        return std::nullopt;
    }
    http_url url;
    url.https = scheme == boost::urls::scheme::https;
    url.host = boost::algorithm::to_lower_copy(std::string(view.host_address()));
    if (url.host.empty()) {
        error = "URL has no host: " + std::string(view.buffer());
        return std::nullopt;
    }
    if (view.has_port()) {
        // Read from the text: Boost.URL 1.81's port_number() wraps 99999 to 34463.
        const std::string_view text = view.port();
        unsigned long number = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (ec != std::errc() || end != text.data() + text.size() || number == 0 || number > 65535) {
            error = "URL has an invalid port: " + std::string(view.buffer());
            return std::nullopt;
        }
        url.port = static_cast<std::uint16_t>(number);
    } else {
        url.port = url.https ? 443 : 80;
    }
    url.target = std::string(view.encoded_target());
    if (url.target.empty() || url.target.front() != '/') url.target.insert(0, "/");
    // Neither the fragment nor a user:password ever goes on the wire (the key travels
    // in its own header); keep them out of final_url and messages as well.
    boost::urls::url cleaned(view);
    cleaned.remove_fragment();
    cleaned.remove_userinfo();
    url.text = std::string(cleaned.buffer());
    return url;
}

std::string bracketed(std::string_view host)
{
    const bool ipv6 = host.find(':') != std::string_view::npos;
    return ipv6 ? "[" + std::string(host) + "]" : std::string(host);
}

}  // namespace

std::string http_url::authority() const { return join_host_port(host, std::to_string(port)); }

std::string http_url::host_header() const
{
    const bool default_port = port == (https ? 443 : 80);
    return default_port ? bracketed(host) : authority();
}

std::optional<http_url> parse_http_url(std::string_view text, std::string& error)
{
    const auto parsed = boost::urls::parse_absolute_uri(text);
    if (!parsed) {
        // An absolute URI takes no fragment; accept one the way a browser bar would.
        const auto with_fragment = boost::urls::parse_uri(text);
        if (!with_fragment) {
            error = "not a valid URL: '" + std::string(text) + "'";
            return std::nullopt;
        }
        return from_view(*with_fragment, error);
    }
    return from_view(*parsed, error);
}

std::optional<http_url> resolve_location(const http_url& base, std::string_view location, std::string& error)
{
    const auto reference = boost::urls::parse_uri_reference(location);
    const auto base_view = boost::urls::parse_uri(base.text);
    if (!reference || !base_view) {
        error = "redirect to an invalid Location: '" + std::string(location) + "'";
        return std::nullopt;
    }
    boost::urls::url resolved;
    if (!boost::urls::resolve(*base_view, *reference, resolved)) {
        error = "cannot resolve redirect Location '" + std::string(location) + "'";
        return std::nullopt;
    }
    return from_view(resolved, error);
}

bool same_origin(const http_url& a, const http_url& b)
{
    return a.https == b.https && a.host == b.host && a.port == b.port;
}

bool is_ip_literal(std::string_view host)
{
    boost::system::error_code ec;
    boost::asio::ip::make_address(std::string(host), ec);
    return !ec;
}

bool is_loopback_host(std::string_view host)
{
    if (boost::algorithm::iequals(host, "localhost") || boost::algorithm::iends_with(host, ".localhost")) return true;
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(std::string(host), ec);
    if (ec) return false;
    if (address.is_v6() && address.to_v6().is_v4_mapped())
        return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6()).is_loopback();
    return address.is_loopback();
}

std::string join_host_port(std::string_view host, std::string_view port)
{
    std::string text = bracketed(host);
    text += ':';
    text += port;
    return text;
}

}  // namespace ngd::net
