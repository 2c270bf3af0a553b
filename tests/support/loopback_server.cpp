#include "support/loopback_server.hpp"

#include <boost/algorithm/string/predicate.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>

namespace ngd::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);
// A safety net so a server never waits for ever on a client that went away.
constexpr std::chrono::seconds patience{30};

}  // namespace

std::optional<std::string> recorded_request::header(std::string_view name) const
{
    for (const auto& [key, value] : headers)
        if (boost::algorithm::iequals(key, name)) return value;
    return std::nullopt;
}

server_peer::server_peer(loopback_server& server, asio::ip::tcp::socket socket, std::size_t index,
                         asio::ssl::context* tls)
    : server_(server), index_(index)
{
    if (tls)
        secure_.emplace(beast::tcp_stream(std::move(socket)), *tls);
    else
        plain_.emplace(std::move(socket));
}

asio::awaitable<bool> server_peer::start()
{
    if (!secure_) co_return true;
    secure_->next_layer().expires_after(patience);
    const auto [ec] = co_await secure_->async_handshake(asio::ssl::stream_base::server, nothrow);
    co_return !ec;
}

asio::awaitable<std::optional<recorded_request>> server_peer::read_request()
{
    http::request_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    boost::system::error_code ec;
    if (secure_) {
        secure_->next_layer().expires_after(patience);
        std::tie(ec, std::ignore) = co_await http::async_read(*secure_, buffer_, parser, nothrow);
    } else {
        plain_->expires_after(patience);
        std::tie(ec, std::ignore) = co_await http::async_read(*plain_, buffer_, parser, nothrow);
    }
    if (ec) co_return std::nullopt;
    const auto& message = parser.get();
    recorded_request request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message)
        request.headers.emplace_back(field.name_string(), field.value());
    request.body = message.body();
    request.connection = index_;
    server_.record(request);
    co_return request;
}

asio::awaitable<bool> server_peer::write(std::string_view bytes)
{
    boost::system::error_code ec;
    if (secure_) {
        secure_->next_layer().expires_after(patience);
        std::tie(ec, std::ignore) = co_await asio::async_write(*secure_, asio::buffer(bytes), nothrow);
    } else {
        plain_->expires_after(patience);
        std::tie(ec, std::ignore) = co_await asio::async_write(*plain_, asio::buffer(bytes), nothrow);
    }
    co_return !ec;
}

asio::awaitable<void> server_peer::pause(std::chrono::milliseconds duration)
{
    asio::steady_timer timer(co_await asio::this_coro::executor, duration);
    co_await timer.async_wait(nothrow);
}

asio::awaitable<void> server_peer::wait_for_close()
{
    char scratch[4096];
    for (;;) {
        boost::system::error_code ec;
        if (secure_) {
            secure_->next_layer().expires_after(patience);
            std::tie(ec, std::ignore) = co_await secure_->async_read_some(asio::buffer(scratch), nothrow);
        } else {
            plain_->expires_after(patience);
            std::tie(ec, std::ignore) = co_await plain_->async_read_some(asio::buffer(scratch), nothrow);
        }
        if (ec) co_return;
    }
}

loopback_server::loopback_server(handler on_connection, std::optional<pki::identity> tls)
    : on_connection_(std::move(on_connection))
{
    if (tls) {
        tls_.emplace(asio::ssl::context::tls_server);
        tls_->use_certificate_chain(asio::buffer(tls->cert_pem));
        tls_->use_private_key(asio::buffer(tls->key_pem), asio::ssl::context::pem);
    }
    asio::ip::tcp::acceptor acceptor(io_, {asio::ip::make_address("127.0.0.1"), 0});
    port_ = acceptor.local_endpoint().port();
    asio::co_spawn(io_, accept_loop(std::move(acceptor)), asio::detached);
    thread_ = std::thread([this] { io_.run(); });
}

void loopback_server::give_no_tls_sessions()
{
    if (!tls_) return;
    SSL_CTX_set_options(tls_->native_handle(), SSL_OP_NO_TICKET);
    SSL_CTX_set_num_tickets(tls_->native_handle(), 0);
    SSL_CTX_set_session_cache_mode(tls_->native_handle(), SSL_SESS_CACHE_OFF);
}

loopback_server::loopback_server(answer_function answer, std::optional<pki::identity> tls)
    : loopback_server(
          [answer = std::move(answer)](server_peer& peer) -> asio::awaitable<void> {
              while (auto request = co_await peer.read_request())
                  if (!co_await peer.write(answer(*request))) co_return;
          },
          std::move(tls))
{
}

loopback_server::~loopback_server()
{
    io_.stop();
    thread_.join();
}

asio::awaitable<void> loopback_server::accept_loop(asio::ip::tcp::acceptor acceptor)
{
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(nothrow);
        if (ec) co_return;
        const std::size_t index = ++accepted_;
        asio::co_spawn(
            io_,
            [this, index, socket = std::move(socket)]() mutable -> asio::awaitable<void> {
                server_peer peer(*this, std::move(socket), index, tls_ ? &*tls_ : nullptr);
                if (co_await peer.start()) co_await on_connection_(peer);
            },
            asio::detached);
    }
}

void loopback_server::record(recorded_request request)
{
    const std::lock_guard lock(mutex_);
    requests_.push_back(std::move(request));
}

std::vector<recorded_request> loopback_server::requests() const
{
    const std::lock_guard lock(mutex_);
    return requests_;
}

std::string loopback_server::url(std::string_view host, std::string_view path) const
{
    const std::string scheme = tls_ ? "https://" : "http://";
    return scheme + std::string(host) + ":" + std::to_string(port_) + std::string(path);
}

std::string http_answer(int status, std::string_view body,
                        const std::vector<std::pair<std::string, std::string>>& extra)
{
    std::string text = "HTTP/1.1 " + std::to_string(status) + " " +
                       std::string(http::obsolete_reason(static_cast<http::status>(status))) + "\r\n";
    for (const auto& [name, value] : extra)
        text += name + ": " + value + "\r\n";
    text += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    text += body;
    return text;
}

}  // namespace ngd::test
