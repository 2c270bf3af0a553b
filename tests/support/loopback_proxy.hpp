#pragma once
/// An HTTP CONNECT proxy on loopback for the network tests: it either refuses every
/// CONNECT with a chosen status or opens the tunnel and relays bytes both ways, keeping
/// what it saw so a test can prove what a proxy could read.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ngd::test {

class loopback_proxy {
public:
    /// `refuse_with` 0 tunnels every CONNECT; any other status refuses them with it.
    explicit loopback_proxy(int refuse_with = 0);
    ~loopback_proxy();
    loopback_proxy(const loopback_proxy&) = delete;
    loopback_proxy& operator=(const loopback_proxy&) = delete;

    std::uint16_t port() const { return port_; }
    /// "http://127.0.0.1:PORT", with "user:password@" when given.
    std::string url(const std::string& userinfo = "") const;
    std::size_t accepted() const { return accepted_.load(); }
    /// The request heads (request line and headers) it was sent, one per connection.
    std::vector<std::string> heads() const;
    /// Every byte the clients sent through the tunnels, after the heads.
    std::string relayed() const;

private:
    boost::asio::awaitable<void> accept_loop(boost::asio::ip::tcp::acceptor acceptor);
    boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket client);
    boost::asio::awaitable<void> relay(boost::asio::ip::tcp::socket& from, boost::asio::ip::tcp::socket& to,
                                       bool from_client);

    // First, so it is destroyed last: io objects owned by handlers and pending
    // connections all go while their event loop still exists.
    boost::asio::io_context io_;
    int refuse_with_;
    std::uint16_t port_ = 0;
    std::atomic<std::size_t> accepted_{0};
    mutable std::mutex mutex_;
    std::vector<std::string> heads_;
    std::string relayed_;
    std::thread thread_;
};

}  // namespace ngd::test
