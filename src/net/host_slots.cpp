#include "net/host_slots.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <algorithm>

namespace ngd::net {
namespace asio = boost::asio;

host_slots::held::~held()
{
    if (owner_) owner_->give_back(key_);
}

asio::awaitable<host_slots::held> host_slots::take(std::string key)
{
    auto& h = hosts_[key];
    if (h.in_flight < per_host_) {
        ++h.in_flight;
        co_return held{this, std::move(key)};
    }
    auto me = std::make_shared<waiter>(co_await asio::this_coro::executor);
    h.waiting.push_back(me);
    boost::system::error_code ec;
    co_await me->turn.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (!me->granted) {
        // Cancelled from outside (the run's deadline): leave the queue, hold nothing.
        auto& queue = hosts_[key].waiting;
        std::erase(queue, me);
        throw boost::system::system_error(asio::error::operation_aborted);
    }
    co_return held{this, std::move(key)};
}

void host_slots::give_back(const std::string& key)
{
    auto& h = hosts_[key];
    if (h.waiting.empty()) {
        --h.in_flight;
        return;
    }
    // The slot passes straight to the first waiter: in_flight stays as it is.
    auto next = std::move(h.waiting.front());
    h.waiting.pop_front();
    next->granted = true;
    next->turn.cancel();
}

}  // namespace ngd::net
