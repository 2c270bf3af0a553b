#include "simulator/server.hpp"

#include "simulator/connection.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace ngd::sim {

namespace asio = boost::asio;
using asio::ip::tcp;

server::server(asio::io_context& io, const tcp::endpoint& where, router& routes, asio::ssl::context* tls)
    : io_(io), acceptor_(io), routes_(routes), tls_(tls)
{
    acceptor_.open(where.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(where);
    acceptor_.listen(asio::socket_base::max_listen_connections);
}

void server::start() { asio::co_spawn(io_, accept_loop(), asio::detached); }

void server::stop()
{
    boost::system::error_code ignored;
    acceptor_.close(ignored);
}

asio::awaitable<void> server::accept_loop()
{
    while (acceptor_.is_open()) {
        boost::system::error_code error;
        tcp::socket socket = co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, error));
        if (error == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
        if (error) continue;  // e.g. too many open files: keep serving the others
        socket.set_option(tcp::no_delay(true), error);
        asio::co_spawn(io_, serve_connection(std::move(socket), routes_, tls_), asio::detached);
    }
}

}  // namespace ngd::sim
