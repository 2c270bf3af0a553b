#include "net/tls_sessions.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <openssl/ssl.h>

#include <algorithm>

namespace ngd::net {
namespace {

namespace asio = boost::asio;

// Slots of OpenSSL's per-object data for this store (Asio's own use the "app data" slot).
int context_slot()
{
    static const int slot = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return slot;
}

int connection_slot()
{
    static const int slot = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return slot;
}

}  // namespace

tls_sessions::~tls_sessions()
{
    for (auto& [key, session] : kept_) SSL_SESSION_free(session);
}

void tls_sessions::serve(SSL_CTX* context)
{
    // A client cache of our own: OpenSSL's internal one is for servers' lookups by id.
    SSL_CTX_set_session_cache_mode(context, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(context, &tls_sessions::keep);
    SSL_CTX_set_ex_data(context, context_slot(), this);
}

tls_sessions* tls_sessions::of(SSL_CTX* context)
{
    return static_cast<tls_sessions*>(SSL_CTX_get_ex_data(context, context_slot()));
}

tls_sessions::full_handshake::full_handshake(full_handshake&& other) noexcept
    : owner_(other.owner_), key_(std::move(other.key_))
{
    other.owner_ = nullptr;
}

tls_sessions::full_handshake& tls_sessions::full_handshake::operator=(full_handshake&& other) noexcept
{
    if (this != &other) {
        give_back();
        owner_ = other.owner_;
        key_ = std::move(other.key_);
        other.owner_ = nullptr;
    }
    return *this;
}

void tls_sessions::full_handshake::give_back()
{
    if (owner_) owner_->ended(key_);
    owner_ = nullptr;
}

asio::awaitable<void> tls_sessions::await_shared(const std::string& key,
                                                  std::optional<std::chrono::microseconds> round_trip)
{
    const auto found = full_.find(key);
    const bool nearby = round_trip && *round_trip < nearby_round_trip;
    if (!nearby || kept_.contains(key) || found == full_.end() || found->second.handshakes == 0) co_return;
    auto turn = std::make_shared<asio::steady_timer>(co_await asio::this_coro::executor, max_wait_);
    found->second.waiting.push_back(turn);
    // Ends early when cancelled: by wake(), or by the run's deadline.
    co_await turn->async_wait(asio::as_tuple(asio::use_awaitable));
    if (const auto still = full_.find(key); still != full_.end()) std::erase(still->second.waiting, turn);
}

tls_sessions::full_handshake tls_sessions::start(SSL* ssl, const std::string& key)
{
    SSL_set_ex_data(ssl, connection_slot(), const_cast<std::string*>(&key));
    if (const auto found = kept_.find(key); found != kept_.end()) {
        SSL_set_session(ssl, found->second);
        return {};
    }
    ++full_[key].handshakes;
    return {this, key};
}

void tls_sessions::wake(const std::string& key)
{
    const auto found = full_.find(key);
    if (found == full_.end()) return;
    for (const auto& turn : std::exchange(found->second.waiting, {})) turn->cancel();
}

// The last full handshake under way ended without a session (or after one): nobody is left
// to wait for, so the waiting shake hands themselves.
void tls_sessions::ended(const std::string& key)
{
    const auto found = full_.find(key);
    if (found == full_.end() || found->second.handshakes == 0) return;
    if (--found->second.handshakes == 0) wake(key);
}

// OpenSSL's new-session callback: TLS 1.3 tickets arrive after the handshake, while the
// answer is read. A copy is kept: OpenSSL marks the connection's own session unresumable
// when the connection ends without a TLS close (as ours do: the socket is just closed).
int tls_sessions::keep(SSL* ssl, SSL_SESSION* session)
{
    auto* self = of(SSL_get_SSL_CTX(ssl));
    const auto* key = static_cast<const std::string*>(SSL_get_ex_data(ssl, connection_slot()));
    if (!self || !key) return 0;
    SSL_SESSION* copy = SSL_SESSION_dup(session);
    if (!copy) return 0;
    auto& slot = self->kept_[*key];
    if (slot) SSL_SESSION_free(slot);
    slot = copy;
    self->wake(*key);
    return 0;  // the reference OpenSSL passed stays its own
}

}  // namespace ngd::net
