#include "net/connection.hpp"

#include "net/resolve.hpp"
#include "net/tls.hpp"
#include "net/tls_sessions.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace ngd::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using clock = std::chrono::steady_clock;

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t header_limit = 64 * 1024;

failure make_failure(error_class cls, std::string stage, std::string message)
{
    return failure{cls, std::move(stage), std::move(message), {}};
}

// A failure of the proxy hop: the stage says what failed there ("resolve": its host name does
// not resolve, "connect": it cannot be reached, "proxy": it refused or garbled the tunnel).
failure proxy_failure(std::string stage, std::string message, std::string proxy)
{
    return failure{error_class::proxy, std::move(stage), std::move(message), std::move(proxy)};
}

std::string describe(std::chrono::milliseconds duration)
{
    if (duration.count() % 1000 == 0) return std::to_string(duration.count() / 1000) + " s";
    return std::to_string(duration.count()) + " ms";
}

// The kernel's estimate of the round trip to the peer, from the TCP handshake.
std::optional<std::chrono::microseconds> round_trip(beast::tcp_stream& stream)
{
    tcp_info info{};
    socklen_t size = sizeof info;
    if (::getsockopt(stream.socket().native_handle(), IPPROTO_TCP, TCP_INFO, &info, &size) != 0 || info.tcpi_rtt == 0)
        return std::nullopt;
    return std::chrono::microseconds(info.tcpi_rtt);
}

std::string describe_size(std::size_t bytes)
{
    if (bytes % (1024 * 1024) == 0) return std::to_string(bytes / (1024 * 1024)) + " MiB";
    if (bytes % 1024 == 0) return std::to_string(bytes / 1024) + " KiB";
    return std::to_string(bytes) + " bytes";
}

bool is_timeout(const boost::system::error_code& ec) { return ec == beast::error::timeout; }

}  // namespace

std::string route::pool_key() const
{
    std::string key(url.scheme());
    key += "://" + url.authority() + "|" + join_host_port(address.host, std::to_string(address.port));
    if (proxy) key += "|" + proxy->authority() + "|" + proxy->authorization;
    return key;
}

connection::connection(boost::asio::any_io_executor executor) : executor_(std::move(executor)) {}

connection::~connection() = default;

beast::tcp_stream& connection::tcp() { return secure_ ? secure_->next_layer() : *plain_; }

asio::awaitable<std::optional<failure>> connection::open(const route& r, asio::ssl::context* tls,
                                                         std::chrono::milliseconds timeout)
{
    name_ = r.url.authority();
    if (r.address.redirected)
        name_ += " (connecting to " + join_host_port(r.address.host, std::to_string(r.address.port)) + ")";
    if (r.proxy) name_ += " through proxy " + r.proxy->authority();

    if (auto refused = co_await connect(r, timeout)) co_return refused;
    if (r.proxy) {
        if (auto refused = co_await tunnel(r, timeout)) co_return refused;
    }
    if (!r.url.https) co_return std::nullopt;
    co_return co_await handshake(r, *tls, timeout);
}

// The first hop: the proxy when there is one, else the address after --connect-to.
asio::awaitable<std::optional<failure>> connection::connect(const route& r, std::chrono::milliseconds timeout)
{
    const std::string host = r.proxy ? r.proxy->host : r.address.host;
    const std::uint16_t port = r.proxy ? r.proxy->port : r.address.port;
    const std::string hop = join_host_port(host, std::to_string(port));

    const auto lookup = co_await resolve_with_timeout(host, port, timeout);
    if (lookup.timed_out || lookup.error) {
        const std::string why =
            lookup.timed_out ? "DNS lookup timed out after " + describe(timeout) : lookup.error.message();
        if (r.proxy)
            co_return proxy_failure("resolve", "cannot resolve proxy host " + host + ": " + why, hop);
        co_return make_failure(error_class::dns, "resolve",
                               "cannot resolve host " + host + " (for " + name_ + "): " + why);
    }

    if (r.loopback_only)
        for (const auto& entry : lookup.endpoints) {
            auto address = entry.endpoint().address();
            if (address.is_v6() && address.to_v6().is_v4_mapped())
                address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
            if (!address.is_loopback())
                co_return make_failure(error_class::config, "policy",
                                       "refusing to send the API key over plain HTTP to " + name_ + ": " + host +
                                           " is at " + address.to_string() + ", not on this machine; use https");
        }

    plain_.emplace(executor_);
    plain_->expires_after(timeout);
    const auto [error, endpoint] = co_await plain_->async_connect(lookup.endpoints, nothrow);
    if (!error) {
        auto address = endpoint.address();
        if (address.is_v6() && address.to_v6().is_v4_mapped())
            address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
        on_loopback_ = address.is_loopback();
        co_return std::nullopt;
    }
    const std::string what = r.proxy ? "proxy " + hop : name_;
    if (is_timeout(error))
        co_return make_failure(error_class::timeout, "connect",
                               "connecting to " + what + " timed out after " + describe(timeout));
    if (r.proxy)
        co_return proxy_failure("connect", "cannot connect to proxy " + hop + ": " + error.message(), hop);
    co_return make_failure(error_class::connect, "connect", "cannot connect to " + name_ + ": " + error.message());
}

// SNI and the certificate check are for the URL's host, wherever the bytes really go.
asio::awaitable<std::optional<failure>> connection::handshake(const route& r, asio::ssl::context& tls,
                                                              std::chrono::milliseconds timeout)
{
    // A session is resumed only with the host it was made with, at the same address.
    session_key_ = r.url.authority() + "|" + join_host_port(r.address.host, std::to_string(r.address.port));
    if (r.proxy) session_key_ += "|" + r.proxy->authority();
    auto* sessions = tls_sessions::of(tls.native_handle());
    // Through a proxy the round trip the kernel knows is the proxy's, not the server's.
    if (sessions) co_await sessions->await_shared(session_key_, r.proxy ? std::nullopt : round_trip(*plain_));

    secure_.emplace(std::move(*plain_), tls);
    plain_.reset();
    if (!expect_peer_name(secure_->native_handle(), r.url.host))
        co_return make_failure(error_class::tls, "tls", "cannot set up TLS verification for host " + r.url.host);
    if (sessions) full_handshake_ = sessions->start(secure_->native_handle(), session_key_);
    secure_->next_layer().expires_after(timeout);
    const auto [error] = co_await secure_->async_handshake(asio::ssl::stream_base::client, nothrow);
    if (!error) {
        tls_resumed_ = SSL_session_reused(secure_->native_handle()) == 1;
        co_return std::nullopt;
    }
    full_handshake_.give_back();
    if (is_timeout(error))
        co_return make_failure(error_class::timeout, "tls",
                               "TLS handshake with " + name_ + " timed out after " + describe(timeout));
    co_return make_failure(error_class::tls, "tls",
                           describe_handshake_failure(secure_->native_handle(), error, r.url.host, name_));
}

// The proxy is asked for a tunnel to the connect address (after --connect-to, as curl
// does); the Host header, SNI and certificate check inside it stay the URL's host.
asio::awaitable<std::optional<failure>> connection::tunnel(const route& r, std::chrono::milliseconds timeout)
{
    const std::string proxy_name = r.proxy->authority();
    const std::string target = join_host_port(r.address.host, std::to_string(r.address.port));
    http::request<http::empty_body> req{http::verb::connect, target, 11};
    req.set(http::field::host, target);
    if (!r.proxy->authorization.empty()) req.set(http::field::proxy_authorization, r.proxy->authorization);

    plain_->expires_after(timeout);
    const auto [write_error, written] = co_await http::async_write(*plain_, req, nothrow);
    if (write_error) {
        if (is_timeout(write_error))
            co_return make_failure(error_class::timeout, "proxy",
                                   "sending CONNECT to proxy " + proxy_name + " timed out after " + describe(timeout));
        co_return proxy_failure("proxy", "cannot send CONNECT to proxy " + proxy_name + ": " + write_error.message(),
                                proxy_name);
    }

    // Only the header: a tunnel's answer has no body, and what follows it belongs to the tunnel.
    http::response_parser<http::empty_body> parser;
    plain_->expires_after(timeout);
    const auto [read_error, read] = co_await http::async_read_header(*plain_, buffer_, parser, nothrow);
    if (read_error) {
        if (is_timeout(read_error))
            co_return make_failure(error_class::timeout, "proxy",
                                   "proxy " + proxy_name + " did not answer CONNECT within " + describe(timeout));
        co_return proxy_failure("proxy", "proxy " + proxy_name + " gave no valid answer to CONNECT: " + read_error.message(),
                                proxy_name);
    }
    const auto& answer = parser.get();
    if (answer.result_int() / 100 != 2)
        co_return proxy_failure("proxy",
                                "proxy " + proxy_name + " refused CONNECT to " + target + ": " +
                                    std::to_string(answer.result_int()) + " " + std::string(answer.reason()),
                                proxy_name);
    buffer_.consume(buffer_.size());
    plain_->expires_never();
    co_return std::nullopt;
}

bool connection::looks_alive()
{
    auto& socket = tcp().socket();
    boost::system::error_code ec;
    const bool was_non_blocking = socket.non_blocking();
    socket.non_blocking(true, ec);
    if (ec) return false;
    // Peek, so TLS records (session tickets) stay where the TLS layer expects them.
    char byte = 0;
    const std::size_t peeked = socket.receive(asio::buffer(&byte, 1), asio::socket_base::message_peek, ec);
    boost::system::error_code ignored;
    socket.non_blocking(was_non_blocking, ignored);
    if (ec == asio::error::would_block) return true;
    if (ec || peeked == 0) return false;
    return secure_.has_value();
}

asio::awaitable<exchange_result> connection::exchange(const http_request& req, const exchange_limits& limits,
                                                      bool reused)
{
    reusable_ = false;
    if (!secure_) co_return co_await exchange_on(*plain_, req, limits, reused);
    auto result = co_await exchange_on(*secure_, req, limits, reused);
    full_handshake_.give_back();  // a session the server gives has come by now
    co_return result;
}

// What went wrong while reading a response, by what had arrived when it did.
failure connection::read_failure(const boost::system::error_code& error, bool got_bytes, bool capped,
                                 const exchange_limits& limits) const
{
    if (is_timeout(error)) {
        if (!got_bytes)
            return make_failure(error_class::timeout, "read",
                                "no response from " + name_ + " within " + describe(limits.timeout));
        if (capped)
            return make_failure(error_class::timeout, "read",
                                "response from " + name_ + " still incomplete after " + describe(3 * limits.timeout) +
                                    " (data kept trickling in)");
        return make_failure(error_class::timeout, "read",
                            "response from " + name_ + " stalled: no data for " + describe(limits.timeout));
    }
    if (error == http::error::body_limit)
        return make_failure(error_class::bad_response, "read",
                            "response body larger than " + describe_size(limits.max_body) + " from " + name_);
    if (error == http::error::header_limit)
        return make_failure(error_class::bad_response, "read",
                            "response headers larger than " + describe_size(header_limit) + " from " + name_);
    if (!got_bytes)
        return make_failure(error_class::connect, "read",
                            "connection to " + name_ + " closed before any response: " + error.message());
    const bool malformed = error.category() == http::make_error_code(http::error::bad_version).category() &&
                           error != http::error::partial_message;
    if (malformed)
        return make_failure(error_class::bad_response, "read",
                            "malformed HTTP response from " + name_ + ": " + error.message());
    return make_failure(error_class::bad_response, "read",
                        "response from " + name_ + " was cut off before its end (truncated): " + error.message());
}

template <class Stream>
asio::awaitable<exchange_result> connection::exchange_on(Stream& stream, const http_request& req,
                                                         const exchange_limits& limits, bool reused)
{
    exchange_result result;
    tcp().expires_after(limits.timeout);
    const auto [write_error, written] = co_await http::async_write(stream, req, nothrow);
    result.bytes_sent = written;
    if (write_error) {
        if (is_timeout(write_error)) {
            result.fail =
                make_failure(error_class::timeout, "write",
                             "sending the request to " + name_ + " timed out after " + describe(limits.timeout));
        } else {
            result.stale = reused;
            result.fail =
                make_failure(error_class::connect, "write",
                             "connection to " + name_ + " lost while sending the request: " + write_error.message());
        }
        co_return result;
    }

    http::response_parser<http::string_body> parser;
    parser.body_limit(limits.max_body);
    parser.header_limit(header_limit);
    if (req.method() == http::verb::head) parser.skip(true);

    // Every read gets the full timeout, so a slow but steady server is not cut off early.
    // The response as a whole gets at most three timeouts: a server that drips a byte
    // now and then would otherwise keep every single read alive and never end.
    const auto deadline = clock::now() + 3 * limits.timeout;
    while (!parser.is_done()) {
        const auto read_expiry = std::min(clock::now() + limits.timeout, deadline);
        tcp().expires_at(read_expiry);
        auto [read_error, read] = co_await http::async_read_some(stream, buffer_, parser, nothrow);
        result.bytes_received += read;
        if (!read_error) continue;
        // Many servers end a read-until-close body without a TLS close_notify.
        if (read_error == asio::ssl::error::stream_truncated && parser.is_header_done() && parser.need_eof()) {
            parser.put_eof(read_error);
            if (!read_error) break;
        }
        const bool got_bytes = parser.got_some() || buffer_.size() > 0;
        result.stale = reused && !got_bytes && !is_timeout(read_error);
        result.fail = read_failure(read_error, got_bytes, read_expiry == deadline, limits);
        co_return result;
    }
    tcp().expires_never();
    // Bytes beyond the response mean the server and this client disagree on framing:
    // the next response on this connection could not be trusted.
    reusable_ = req.keep_alive() && parser.get().keep_alive() && !parser.need_eof() && buffer_.size() == 0;
    result.response = parser.release();
    co_return result;
}

}  // namespace ngd::net
