#pragma once
/// Misbehaving-on-purpose HTTP(S) servers for the network tests: a loopback listener on
/// its own thread that hands each connection to a coroutine written by the test, and
/// records every request it reads. It stops (and joins its thread) when destroyed.
#include "pki/pki.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <boost/asio/co_spawn.hpp>

#include <atomic>
#include <exception>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace ngd::test {

/// A request as the server read it.
struct recorded_request {
    std::string method;
    std::string target;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::size_t connection = 0;  ///< 1 for the first accepted connection, 2 for the next, ...

    /// First header of that name (case-insensitive), if any.
    std::optional<std::string> header(std::string_view name) const;
};

class loopback_server;

/// One accepted connection, seen from the server: whole requests in, raw bytes out.
class server_peer {
public:
    server_peer(loopback_server& server, boost::asio::ip::tcp::socket socket, std::size_t index,
                boost::asio::ssl::context* tls);

    /// Completes the TLS handshake when the server speaks TLS; false when the client gave up.
    boost::asio::awaitable<bool> start();
    /// Reads one request (header and body) and records it; nullopt when the client
    /// closed the connection or sent something that is not HTTP.
    boost::asio::awaitable<std::optional<recorded_request>> read_request();
    /// Writes raw bytes; false when the client has gone.
    boost::asio::awaitable<bool> write(std::string_view bytes);
    /// Waits on the server's clock: how a slow server behaves.
    boost::asio::awaitable<void> pause(std::chrono::milliseconds duration);
    /// Waits until the client closes the connection (or 30 s pass).
    boost::asio::awaitable<void> wait_for_close();
    std::size_t index() const { return index_; }

private:
    loopback_server& server_;
    std::optional<boost::beast::tcp_stream> plain_;
    std::optional<boost::asio::ssl::stream<boost::beast::tcp_stream>> secure_;
    boost::beast::flat_buffer buffer_;
    std::size_t index_;
};

/// Answers every request of a connection in turn until the client closes it.
using answer_function = std::function<std::string(const recorded_request&)>;

class loopback_server {
public:
    using handler = std::function<boost::asio::awaitable<void>(server_peer&)>;

    /// Listens on 127.0.0.1 (an ephemeral port); TLS with `tls` when given.
    explicit loopback_server(handler on_connection, std::optional<pki::identity> tls = std::nullopt);
    /// The common case: each request gets `answer(request)` written back as is.
    explicit loopback_server(answer_function answer, std::optional<pki::identity> tls = std::nullopt);
    ~loopback_server();
    loopback_server(const loopback_server&) = delete;
    loopback_server& operator=(const loopback_server&) = delete;

    std::uint16_t port() const { return port_; }
    /// Connections accepted so far.
    std::size_t accepted() const { return accepted_.load(); }
    /// Every request read so far, in order.
    std::vector<recorded_request> requests() const;
    /// "http://127.0.0.1:PORT" or "https://HOST:PORT".
    std::string url(std::string_view host = "127.0.0.1", std::string_view path = "/") const;

    /// Makes the TLS server give clients no session to resume (no tickets, no session ids).
    /// Call before the first connection.
    void give_no_tls_sessions();

    /// The server's own event loop, for state its connections share (timers, barriers).
    boost::asio::io_context& context() { return io_; }

private:
    friend class server_peer;
    boost::asio::awaitable<void> accept_loop(boost::asio::ip::tcp::acceptor acceptor);
    void record(recorded_request request);

    // First, so it is destroyed last: io objects owned by handlers and pending
    // connections all go while their event loop still exists.
    boost::asio::io_context io_;
    std::optional<boost::asio::ssl::context> tls_;
    handler on_connection_;
    std::uint16_t port_ = 0;
    std::atomic<std::size_t> accepted_{0};
    mutable std::mutex mutex_;
    std::vector<recorded_request> requests_;
    std::thread thread_;
};

/// A complete HTTP/1.1 response with Content-Length; `extra` headers go after the status line.
std::string http_answer(int status, std::string_view body = "",
                        const std::vector<std::pair<std::string, std::string>>& extra = {});

/// Runs `task` on `io` until it completes and returns its value (rethrowing its exception).
template <class T>
T run_to_completion(boost::asio::io_context& io, boost::asio::awaitable<T> task)
{
    std::optional<T> value;
    std::exception_ptr error;
    boost::asio::co_spawn(io, std::move(task), [&](std::exception_ptr e, T result) {
        error = e;
        if (!e) value.emplace(std::move(result));
    });
    io.restart();
    io.run();
    if (error) std::rethrow_exception(error);
    return std::move(*value);
}

}  // namespace ngd::test
