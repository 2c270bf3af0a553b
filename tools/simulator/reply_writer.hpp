#pragma once
/// Sends a reply on a plain or TLS stream, including the deliveries that break HTTP on
/// purpose (truncated, drip, reset, oversized). Templates: included by connection.cpp only.
#include "simulator/exchange.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <chrono>

namespace ngd::sim {

/// The status line and headers of a reply written by hand (the fault deliveries).
std::string response_head(const reply& r, std::size_t content_length);

/// How long a write may take before the connection is dropped.
inline constexpr std::chrono::seconds write_timeout{60};

template <class Stream>
boost::asio::awaitable<void> write_raw(Stream& stream, std::string_view bytes)
{
    boost::beast::get_lowest_layer(stream).expires_after(write_timeout);
    co_await boost::asio::async_write(stream, boost::asio::buffer(bytes.data(), bytes.size()),
                                      boost::asio::use_awaitable);
}

/// Closes with a TCP RST (SO_LINGER 0) instead of an orderly FIN.
template <class Stream>
void reset_connection(Stream& stream)
{
    auto& socket = boost::beast::get_lowest_layer(stream).socket();
    boost::system::error_code ignored;
    socket.set_option(boost::asio::socket_base::linger(true, 0), ignored);
    socket.close(ignored);
}

template <class Stream>
boost::asio::awaitable<void> write_truncated(Stream& stream, const reply& r)
{
    // Promise more than is sent, then close: the client sees a body cut short.
    co_await write_raw(stream, response_head(r, r.body.size() * 2 + 64));
    co_await write_raw(stream, std::string_view(r.body).substr(0, r.body.size() / 2));
    boost::system::error_code ignored;
    boost::beast::get_lowest_layer(stream).socket().shutdown(boost::asio::socket_base::shutdown_both, ignored);
    boost::beast::get_lowest_layer(stream).close();
}

template <class Stream>
boost::asio::awaitable<void> write_drip(Stream& stream, const reply& r)
{
    co_await write_raw(stream, response_head(r, r.body.size()));
    boost::asio::steady_timer pause(stream.get_executor());
    for (std::size_t i = 0; i < r.body.size(); ++i) {
        pause.expires_after(std::chrono::milliseconds(r.drip_interval_ms));
        co_await pause.async_wait(boost::asio::use_awaitable);
        co_await write_raw(stream, std::string_view(r.body).substr(i, 1));
    }
}

template <class Stream>
boost::asio::awaitable<void> write_oversized(Stream& stream, const reply& r)
{
    // A well-formed JSON document, just far too large: {"data":"xxxx...."}
    co_await write_raw(stream, response_head(r, r.oversized_bytes));
    const std::string open = "{\"data\":\"", close = "\"}";
    co_await write_raw(stream, open);
    const std::string chunk(64 * 1024, 'x');
    std::size_t left = r.oversized_bytes - open.size() - close.size();
    while (left > 0) {
        const auto n = std::min(left, chunk.size());
        co_await write_raw(stream, std::string_view(chunk).substr(0, n));
        left -= n;
    }
    co_await write_raw(stream, close);
}

template <class Stream>
boost::asio::awaitable<void> write_normal(Stream& stream, const reply& r, bool keep_alive, bool head_only,
                                          unsigned version)
{
    namespace http = boost::beast::http;
    http::response<http::string_body> response{static_cast<http::status>(r.status), version};
    response.set(http::field::server, "ngdoctor-sim");
    response.set(http::field::content_type, r.content_type);
    for (const auto& [name, value] : r.headers) response.insert(name, value);
    response.keep_alive(keep_alive);
    response.body() = r.body;
    response.prepare_payload();
    boost::beast::get_lowest_layer(stream).expires_after(write_timeout);
    if (head_only) {
        http::response_serializer<http::string_body> serializer(response);
        co_await http::async_write_header(stream, serializer, boost::asio::use_awaitable);
        co_return;
    }
    co_await http::async_write(stream, response, boost::asio::use_awaitable);
}

/// Sends the reply; returns false when the connection must not be used again.
template <class Stream>
boost::asio::awaitable<bool> write_reply(Stream& stream, const reply& r, bool keep_alive, bool head_only,
                                         unsigned version)
{
    switch (r.how) {
    case delivery::normal: co_await write_normal(stream, r, keep_alive, head_only, version); co_return keep_alive;
    case delivery::truncated: co_await write_truncated(stream, r); co_return false;
    case delivery::drip: co_await write_drip(stream, r); co_return false;
    case delivery::oversized: co_await write_oversized(stream, r); co_return false;
    case delivery::reset: reset_connection(stream); co_return false;
    }
    co_return false;
}

}  // namespace ngd::sim
