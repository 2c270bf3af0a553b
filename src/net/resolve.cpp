#include "net/resolve.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <memory>

namespace ngd::net {
namespace {

// Shared by the coroutine and the resolver's completion handler, which may run long
// after the coroutine has given up.
struct pending_lookup {
    explicit pending_lookup(const boost::asio::any_io_executor& executor) : resolver(executor), timer(executor) {}
    boost::asio::ip::tcp::resolver resolver;
    boost::asio::steady_timer timer;
    bool answered = false;
    lookup_result result;
};

}  // namespace

boost::asio::awaitable<lookup_result> resolve_with_timeout(std::string host, std::uint16_t port,
                                                           std::chrono::milliseconds timeout)
{
    const auto executor = co_await boost::asio::this_coro::executor;
    auto lookup = std::make_shared<pending_lookup>(executor);
    lookup->timer.expires_after(timeout);
    lookup->resolver.async_resolve(
        host, std::to_string(port),
        [lookup](const boost::system::error_code& ec, boost::asio::ip::tcp::resolver::results_type endpoints) {
            if (lookup->answered) return;
            lookup->answered = true;
            lookup->result.error = ec;
            lookup->result.endpoints = std::move(endpoints);
            lookup->timer.cancel();
        });
    co_await lookup->timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    if (!lookup->answered) {
        lookup->answered = true;
        lookup->result.timed_out = true;
        lookup->resolver.cancel();
    }
    co_return lookup->result;
}

}  // namespace ngd::net
