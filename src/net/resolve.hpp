#pragma once
/// A DNS lookup that gives up after a timeout even when the resolver never answers.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstdint>
#include <string>

namespace ngd::net {

struct lookup_result {
    boost::system::error_code error;
    bool timed_out = false;
    boost::asio::ip::tcp::resolver::results_type endpoints;
};

/// Resolves host:port. getaddrinfo cannot be interrupted, so the lookup is raced against
/// a timer instead of being cancelled: on timeout the caller moves on and the late
/// answer, when it comes, is dropped.
boost::asio::awaitable<lookup_result> resolve_with_timeout(std::string host, std::uint16_t port,
                                                           std::chrono::milliseconds timeout);

}  // namespace ngd::net
