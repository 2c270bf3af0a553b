#pragma once
/// At most a fixed number of requests in flight to one (scheme, host, port); the others
/// wait their turn, in order. One executor (one thread), so no locking.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <string>

namespace ngd::net {

class host_slots {
public:
    explicit host_slots(std::size_t per_host) : per_host_(per_host) {}

    /// Held while a request is in flight; gives the slot back when it goes.
    class held {
    public:
        held(host_slots* owner, std::string key) : owner_(owner), key_(std::move(key)) {}
        held(held&& other) noexcept : owner_(other.owner_), key_(std::move(other.key_)) { other.owner_ = nullptr; }
        held& operator=(held&&) = delete;
        ~held();

    private:
        host_slots* owner_;
        std::string key_;
    };

    /// Waits for a free slot for `key`.
    boost::asio::awaitable<held> take(std::string key);

    std::size_t per_host() const { return per_host_; }

private:
    struct waiter {
        explicit waiter(const boost::asio::any_io_executor& executor)
            : turn(executor, boost::asio::steady_timer::time_point::max()) {}
        boost::asio::steady_timer turn;  ///< cancelled when the slot is handed over
        bool granted = false;
    };
    struct host {
        std::size_t in_flight = 0;
        std::deque<std::shared_ptr<waiter>> waiting;
    };
    void give_back(const std::string& key);

    std::size_t per_host_;
    std::map<std::string, host> hosts_;
};

}  // namespace ngd::net
