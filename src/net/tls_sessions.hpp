#pragma once
/// TLS sessions servers gave this client, kept by host so that a later connection to the
/// same host resumes one: an abbreviated handshake, with no certificate sent or checked
/// again. A server that does not resume (or a session it no longer accepts) just means a
/// full handshake, as without this.
#include <map>
#include <string>

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_session_st SSL_SESSION;

namespace ngd::net {

class tls_sessions {
public:
    tls_sessions() = default;
    ~tls_sessions();
    tls_sessions(const tls_sessions&) = delete;
    tls_sessions& operator=(const tls_sessions&) = delete;

    /// Has every connection made from `context` hand the sessions it receives to this store.
    void serve(SSL_CTX* context);

    /// The store serving `context`, if any.
    static tls_sessions* of(SSL_CTX* context);

    /// Offers `ssl` the session kept for `key` (the host asked for and where the bytes go),
    /// and keeps under `key` the sessions `ssl` receives; `key` must outlive `ssl`.
    void start(SSL* ssl, const std::string& key);

private:
    static int keep(SSL* ssl, SSL_SESSION* session);

    std::map<std::string, SSL_SESSION*> kept_;  ///< the newest session of each key, owned
};

}  // namespace ngd::net
