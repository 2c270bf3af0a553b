#include "net/tls_sessions.hpp"

#include <openssl/ssl.h>

namespace ngd::net {
namespace {

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

void tls_sessions::start(SSL* ssl, const std::string& key)
{
    SSL_set_ex_data(ssl, connection_slot(), const_cast<std::string*>(&key));
    if (const auto found = kept_.find(key); found != kept_.end()) SSL_set_session(ssl, found->second);
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
    return 0;  // the reference OpenSSL passed stays its own
}

}  // namespace ngd::net
