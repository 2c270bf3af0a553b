#pragma once
/// One accepted connection: TLS when it opens with a ClientHello (0x16), plain HTTP
/// otherwise; HTTP/1.1 keep-alive until the peer closes, an idle timeout or a fault.
#include "simulator/router.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

namespace ngd::sim {

/// Serves the connection to its end; never throws (I/O errors end the connection).
boost::asio::awaitable<void> serve_connection(boost::asio::ip::tcp::socket socket, router& routes,
                                              boost::asio::ssl::context* tls);

}  // namespace ngd::sim
