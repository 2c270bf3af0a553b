#include "simulator/connection.hpp"

#include "simulator/reply_writer.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/beast/core/detect_ssl.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace ngd::sim {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

constexpr std::chrono::seconds handshake_timeout{30};
constexpr std::chrono::seconds idle_timeout{120};
constexpr std::size_t largest_request_body = 64 * 1024 * 1024;

incoming to_incoming(const http::request<http::string_body>& request, bool tls)
{
    incoming in;
    in.method = std::string(request.method_string());
    in.authority = std::string(request[http::field::host]);
    in.host = router::host_without_port(in.authority);
    in.target = std::string(request.target());
    const auto question = in.target.find('?');
    in.path = in.target.substr(0, question);
    if (question != std::string::npos) in.query = in.target.substr(question + 1);
    in.authorization = std::string(request[http::field::authorization]);
    in.body = request.body();
    in.tls = tls;
    return in;
}

// Requests on one connection are answered in order until one side stops.
template <class Stream>
asio::awaitable<void> serve_http(Stream& stream, beast::flat_buffer& buffer, router& routes, bool tls)
{
    for (;;) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(largest_request_body);
        beast::get_lowest_layer(stream).expires_after(idle_timeout);
        boost::system::error_code error;
        co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, error));
        if (error) co_return;  // closed, timed out or not HTTP: nothing to answer
        const auto& request = parser.get();
        const reply answer = routes.handle(to_incoming(request, tls));
        if (answer.delay_ms > 0) {
            asio::steady_timer latency(stream.get_executor(), std::chrono::milliseconds(answer.delay_ms));
            co_await latency.async_wait(asio::use_awaitable);
        }
        const bool again = co_await write_reply(stream, answer, request.keep_alive(),
                                                request.method() == http::verb::head, request.version());
        if (!again) co_return;
    }
}

asio::awaitable<void> serve_tls(beast::tcp_stream tcp, beast::flat_buffer& buffer, router& routes,
                                 asio::ssl::context& tls)
{
    beast::ssl_stream<beast::tcp_stream> stream(std::move(tcp), tls);
    beast::get_lowest_layer(stream).expires_after(handshake_timeout);
    // The bytes read to detect TLS are the start of the ClientHello: hand them over.
    const auto used = co_await stream.async_handshake(asio::ssl::stream_base::server, buffer.data(), asio::use_awaitable);
    buffer.consume(used);
    co_await serve_http(stream, buffer, routes, true);
    if (!beast::get_lowest_layer(stream).socket().is_open()) co_return;
    beast::get_lowest_layer(stream).expires_after(handshake_timeout);
    boost::system::error_code ignored;
    co_await stream.async_shutdown(asio::redirect_error(asio::use_awaitable, ignored));
}

}  // namespace

asio::awaitable<void> serve_connection(asio::ip::tcp::socket socket, router& routes, asio::ssl::context* tls)
{
    try {
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer;
        stream.expires_after(handshake_timeout);
        const bool hello = co_await beast::async_detect_ssl(stream, buffer, asio::use_awaitable);
        if (hello) {
            if (tls) co_await serve_tls(std::move(stream), buffer, routes, *tls);
            co_return;  // without certificates a TLS client is simply turned away
        }
        co_await serve_http(stream, buffer, routes, false);
        if (!stream.socket().is_open()) co_return;
        boost::system::error_code ignored;
        stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    } catch (const std::exception&) {
        // A peer that vanished, a bad handshake, a timeout: this connection ends, others go on.
    }
}

}  // namespace ngd::sim
