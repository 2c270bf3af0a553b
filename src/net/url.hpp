#pragma once
/// The parts of an http(s) URL a connection needs, and the rules that depend on them
/// (loopback hosts, same origin, resolving a redirect's Location).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ngd::net {

/// An absolute http:// or https:// URL, split for a request.
struct http_url {
    bool https = false;
    std::string host;        ///< without IPv6 brackets, lower case
    std::uint16_t port = 0;  ///< the effective port (443 / 80 when the URL names none)
    std::string target;      ///< origin-form request target: path and query, "/" at least
    std::string text;        ///< the URL as given (normalised by the parser), for messages and final_url

    std::string_view scheme() const { return https ? "https" : "http"; }
    /// "host:port" with IPv6 in brackets, as written in messages and CONNECT lines.
    std::string authority() const;
    /// The Host header value: the port is left out when it is the scheme's default.
    std::string host_header() const;
};

/// Parses an absolute http/https URL; on failure `error` says why in one line.
std::optional<http_url> parse_http_url(std::string_view text, std::string& error);

/// Resolves a redirect's Location against the URL it came from (RFC 3986 section 5).
std::optional<http_url> resolve_location(const http_url& base, std::string_view location, std::string& error);

/// Same scheme, host and port: where a key given for one may also go to the other.
bool same_origin(const http_url& a, const http_url& b);

/// localhost (and *.localhost), 127.0.0.0/8 and ::1: traffic that never leaves the machine.
bool is_loopback_host(std::string_view host);

/// True when `host` is an IPv4 or IPv6 literal (without brackets).
bool is_ip_literal(std::string_view host);

/// "host:port", IPv6 hosts in brackets.
std::string join_host_port(std::string_view host, std::string_view port);

}  // namespace ngd::net
