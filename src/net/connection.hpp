#pragma once
/// One HTTP/1.1 connection, plain or TLS, direct or tunnelled through a proxy, with a
/// timeout on every step. It turns every transport error into a classified `failure`.
#include "net/connect_to.hpp"
#include "net/http.hpp"
#include "net/proxy.hpp"
#include "net/tls_sessions.hpp"
#include "net/url.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace ngd::net {

/// How a URL is reached: the address after --connect-to, and the proxy unless NO_PROXY says otherwise.
struct route {
    http_url url;
    connect_address address;
    std::optional<proxy_config> proxy;
    /// Plain HTTP carrying a key: connect only where every address of the first hop is this
    /// machine's (decided by the address, not the name: `evil.localhost` may resolve anywhere,
    /// and --connect-to may send a loopback name elsewhere).
    bool loopback_only = false;

    /// Connections are shared only between requests with the same key.
    std::string pool_key() const;
};

/// What every step of an exchange is allowed.
struct exchange_limits {
    std::chrono::milliseconds timeout{10'000};
    std::size_t max_body = 16u * 1024u * 1024u;
};

using http_request = boost::beast::http::request<boost::beast::http::string_body>;
using http_response = boost::beast::http::response<boost::beast::http::string_body>;

/// The answer to one request on one connection.
struct exchange_result {
    std::optional<http_response> response;
    failure fail;
    /// A reused connection died before any byte of the answer: the server had closed it
    /// while idle, so the request may be sent again on a fresh connection.
    bool stale = false;
    std::size_t bytes_sent = 0;      ///< what the write put on the connection
    std::size_t bytes_received = 0;  ///< what the parser took from it, also when it then failed
    /// The exchange opened its connection, and the TLS session of an earlier one was
    /// resumed: no certificate was sent or checked again.
    bool tls_resumed = false;
};

class connection {
public:
    explicit connection(boost::asio::any_io_executor executor);
    ~connection();
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;

    /// Resolves, connects, tunnels through the proxy and shakes hands for `r`; `tls` is
    /// used for https only and may be null for plain http.
    boost::asio::awaitable<std::optional<failure>> open(const route& r, boost::asio::ssl::context* tls,
                                                        std::chrono::milliseconds timeout);

    /// Sends `req` and reads the whole response. `reused`: the connection served an
    /// earlier request, so a silent close before the answer counts as stale.
    boost::asio::awaitable<exchange_result> exchange(const http_request& req, const exchange_limits& limits,
                                                     bool reused);

    /// The last exchange ended cleanly and both sides want to keep the connection.
    bool reusable() const { return reusable_; }

    /// An idle connection the server has visibly closed (or sent unasked-for bytes on)
    /// is not worth a request; one that looks fine may still turn out stale.
    bool looks_alive();

    /// The first hop this connection reached is this machine (a loopback address).
    bool on_loopback() const { return on_loopback_; }

    /// The handshake resumed a TLS session kept from an earlier connection (tls_sessions).
    bool tls_resumed() const { return tls_resumed_; }

private:
    template <class Stream>
    boost::asio::awaitable<exchange_result> exchange_on(Stream& stream, const http_request& req,
                                                        const exchange_limits& limits, bool reused);
    boost::asio::awaitable<std::optional<failure>> connect(const route& r, std::chrono::milliseconds timeout);
    boost::asio::awaitable<std::optional<failure>> tunnel(const route& r, std::chrono::milliseconds timeout);
    boost::asio::awaitable<std::optional<failure>> handshake(const route& r, boost::asio::ssl::context& tls,
                                                             std::chrono::milliseconds timeout);
    failure read_failure(const boost::system::error_code& error, bool got_bytes, bool capped,
                         const exchange_limits& limits) const;
    boost::beast::tcp_stream& tcp();

    boost::asio::any_io_executor executor_;
    std::optional<boost::beast::tcp_stream> plain_;
    std::optional<boost::asio::ssl::stream<boost::beast::tcp_stream>> secure_;
    boost::beast::flat_buffer buffer_;
    std::string name_;  ///< "host:port", plus where it really goes, for messages
    std::string session_key_;  ///< which kept TLS sessions this connection may resume
    tls_sessions::full_handshake full_handshake_;  ///< held until the first answer, when not resumed
    bool reusable_ = false;
    bool on_loopback_ = false;
    bool tls_resumed_ = false;
};

}  // namespace ngd::net
