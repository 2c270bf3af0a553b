#pragma once
/// The listening socket: one port, plain HTTP and TLS side by side (each connection's
/// first byte tells which), every connection served by its own coroutine on one thread.
#include "simulator/router.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

namespace ngd::sim {

class server {
public:
    /// Binds and listens; throws boost::system::system_error when that fails.
    /// `tls` may be null: TLS clients are then turned away.
    server(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& where, router& routes,
           boost::asio::ssl::context* tls);

    boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

    /// Starts accepting (returns at once; the io_context does the work).
    void start();
    /// Stops accepting new connections.
    void stop();

private:
    boost::asio::awaitable<void> accept_loop();

    boost::asio::io_context& io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    router& routes_;
    boost::asio::ssl::context* tls_;
};

}  // namespace ngd::sim
