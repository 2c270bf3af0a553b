#include "support/loopback_proxy.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace ngd::test {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

// "CONNECT host:port HTTP/1.1" -> host and port; IPv6 hosts in brackets.
bool split_target(const std::string& head, std::string& host, std::string& port)
{
    const auto first_space = head.find(' ');
    const auto second_space = head.find(' ', first_space + 1);
    if (first_space == std::string::npos || second_space == std::string::npos) return false;
    const std::string target = head.substr(first_space + 1, second_space - first_space - 1);
    const auto colon = target.rfind(':');
    if (colon == std::string::npos) return false;
    host = target.substr(0, colon);
    if (host.size() > 1 && host.front() == '[') host = host.substr(1, host.size() - 2);
    port = target.substr(colon + 1);
    return head.starts_with("CONNECT ");
}

}  // namespace

loopback_proxy::loopback_proxy(int refuse_with) : refuse_with_(refuse_with)
{
    tcp::acceptor acceptor(io_, {asio::ip::make_address("127.0.0.1"), 0});
    port_ = acceptor.local_endpoint().port();
    asio::co_spawn(io_, accept_loop(std::move(acceptor)), asio::detached);
    thread_ = std::thread([this] { io_.run(); });
}

loopback_proxy::~loopback_proxy()
{
    io_.stop();
    thread_.join();
}

std::string loopback_proxy::url(const std::string& userinfo) const
{
    return "http://" + (userinfo.empty() ? "" : userinfo + "@") + "127.0.0.1:" + std::to_string(port_);
}

std::vector<std::string> loopback_proxy::heads() const
{
    const std::lock_guard lock(mutex_);
    return heads_;
}

std::string loopback_proxy::relayed() const
{
    const std::lock_guard lock(mutex_);
    return relayed_;
}

asio::awaitable<void> loopback_proxy::accept_loop(tcp::acceptor acceptor)
{
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(nothrow);
        if (ec) co_return;
        ++accepted_;
        asio::co_spawn(io_, serve(std::move(socket)), asio::detached);
    }
}

asio::awaitable<void> loopback_proxy::serve(tcp::socket client)
{
    std::string buffer;
    const auto [read_error, head_size] =
        co_await asio::async_read_until(client, asio::dynamic_buffer(buffer), "\r\n\r\n", nothrow);
    if (read_error) co_return;
    const std::string head = buffer.substr(0, head_size);
    {
        const std::lock_guard lock(mutex_);
        heads_.push_back(head);
        relayed_ += buffer.substr(head_size);
    }
    std::string host, port;
    if (refuse_with_ != 0 || !split_target(head, host, port)) {
        const int status = refuse_with_ != 0 ? refuse_with_ : 400;
        const std::string answer = "HTTP/1.1 " + std::to_string(status) + " Refused\r\nContent-Length: 0\r\n\r\n";
        co_await asio::async_write(client, asio::buffer(answer), nothrow);
        co_return;
    }
    tcp::resolver resolver(io_);
    const auto [resolve_error, endpoints] = co_await resolver.async_resolve(host, port, nothrow);
    tcp::socket server(io_);
    boost::system::error_code connect_error = resolve_error;
    if (!connect_error) std::tie(connect_error, std::ignore) = co_await asio::async_connect(server, endpoints, nothrow);
    const std::string answer = connect_error ? "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"
                                             : "HTTP/1.1 200 Connection established\r\n\r\n";
    co_await asio::async_write(client, asio::buffer(answer), nothrow);
    if (connect_error) co_return;
    using namespace asio::experimental::awaitable_operators;
    co_await (relay(client, server, true) && relay(server, client, false));
}

// Copies until either side closes, then closes both so the other direction ends too.
asio::awaitable<void> loopback_proxy::relay(tcp::socket& from, tcp::socket& to, bool from_client)
{
    char chunk[16384];
    for (;;) {
        const auto [read_error, n] = co_await from.async_read_some(asio::buffer(chunk), nothrow);
        if (!read_error && from_client) {
            const std::lock_guard lock(mutex_);
            relayed_.append(chunk, n);
        }
        boost::system::error_code write_error = read_error;
        if (!write_error)
            std::tie(write_error, std::ignore) = co_await asio::async_write(to, asio::buffer(chunk, n), nothrow);
        if (write_error) {
            boost::system::error_code ignored;
            from.close(ignored);
            to.close(ignored);
            co_return;
        }
    }
}

}  // namespace ngd::test
