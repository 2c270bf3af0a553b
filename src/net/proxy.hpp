#pragma once
/// The HTTPS proxy: its address and credentials, and which hosts bypass it (NO_PROXY).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ngd::net {

/// Where the proxy listens, and the Proxy-Authorization it wants (never shown to anyone).
struct proxy_config {
    std::string host;
    std::uint16_t port = 1080;  ///< curl's default when the URL names no port
    std::string authorization;  ///< "Basic ..." from the URL's userinfo; empty when none
    /// "host:port" for messages: the userinfo is never part of it.
    std::string authority() const;
};

/// Parses "http://[user:pass@]host[:port]" (a bare "host:port" is taken as http://).
std::optional<proxy_config> parse_proxy_url(std::string_view text, std::string& error);

/// True when `no_proxy` (comma-separated: "*", names matched with their subdomains, a
/// leading "." or "*." allowed, "host:port", IP addresses and CIDR blocks) says that
/// host:port must be reached directly.
bool no_proxy_matches(std::string_view no_proxy, std::string_view host, std::uint16_t port);

}  // namespace ngd::net
