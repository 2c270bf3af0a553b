#pragma once
/// An HTTP/1.1 client over Beast + Asio coroutines + OpenSSL, with the policies the
/// spec promises: timeouts on every step, a body cap, a redirect limit, keys kept to
/// their host, TLS verification with the system store plus extra CAs, curl-style
/// --connect-to, and HTTPS proxies through CONNECT. One keep-alive connection per
/// (scheme, host, port) is reused by later requests.
#include "net/exchange_record.hpp"
#include "net/http.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ngd::net {

/// curl's --connect-to H1:P1:H2:P2: a request for H1:P1 connects to H2:P2 instead;
/// TLS still sends SNI and verifies the certificate for H1. An empty H1 or P1 matches any.
struct connect_to {
    std::string from_host;
    std::string from_port;
    std::string to_host;
    std::string to_port;
};

/// Parses "H1:P1:H2:P2" (IPv6 in brackets allowed); nullopt when malformed.
std::optional<connect_to> parse_connect_to(std::string_view text);

/// Timeouts: `timeout` bounds each step on its own (resolve, connect, proxy CONNECT,
/// TLS handshake, write, and every read, restarted after each read that made progress).
/// The response as a whole is also capped at 3 x `timeout`, so a server that drips a
/// byte now and then cannot keep a request open for ever.
/// Proxy: https and plain http requests alike go through a CONNECT tunnel; hosts in
/// `no_proxy` are reached directly; loopback hosts are not exempt unless listed there.
struct client_options {
    std::chrono::milliseconds timeout{10'000};   ///< per operation: resolve, connect, TLS, write, each read
    std::vector<std::string> cacert_files;        ///< trusted in addition to the system store
    std::vector<connect_to> connect_tos;
    std::optional<std::string> proxy;             ///< http://[user:pass@]host:port; nullopt = none
    std::string no_proxy;                         ///< NO_PROXY syntax: comma-separated hosts/suffixes, "*"
    std::size_t max_body = 16u * 1024u * 1024u;
    int max_redirects = 5;
    std::string user_agent = "ngdoctor";
    /// The longest a connection to a nearby server waits for another's full TLS handshake to
    /// the same host to give a session it can resume (tls_sessions).
    std::chrono::milliseconds shared_handshake_wait{10};
    /// Told of every exchange when it ends (each redirect hop apart, a transport failure or a
    /// refusal to send included), on the client's executor; unset, nothing is recorded.
    std::function<void(const exchange_record&)> on_exchange;
};

/// Fills proxy / no_proxy from HTTPS_PROXY, https_proxy, NO_PROXY, no_proxy unless already set.
void apply_proxy_environment(client_options& options);

class client {
public:
    client(boost::asio::any_io_executor executor, client_options options);
    ~client();
    client(const client&) = delete;
    client& operator=(const client&) = delete;

    /// Performs the request, following redirects. Never throws for network or protocol
    /// errors: they come back as `outcome::fail` with their class. An HTTP error status
    /// is a response, not a failure.
    boost::asio::awaitable<outcome> fetch(request req);
    // The client must outlive every fetch it started; all of them run on the executor
    // given here (one thread), which is what lets them share the connection pool freely.

    /// Starts reading the system CA store on another thread, for a caller that knows https
    /// requests will follow: the store takes tens of milliseconds to parse, and the first
    /// request then need not wait for all of it. Without this call, the first https
    /// request reads it.
    void prepare_tls();

    const client_options& options() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace ngd::net
