#pragma once
/// TLS sessions servers gave this client, kept by host so that a later connection to the
/// same host resumes one: an abbreviated handshake, with no certificate sent or checked
/// again. A server that does not resume (or a session it no longer accepts) just means a
/// full handshake, as without this.
///
/// Connections that start together (a run opens dozens to one host at once) would each make
/// a full handshake. To a nearby server, where a round trip costs less than the certificate
/// work it saves, they wait for the first one's session instead (for a bounded time); to a far
/// one they do not, as there the round trips are what costs.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_session_st SSL_SESSION;

namespace ngd::net {

class tls_sessions {
public:
    /// A server this near (a round trip under a millisecond: this machine, or the same
    /// network) is waited for: a full handshake's certificate work costs more than that.
    static constexpr std::chrono::microseconds nearby_round_trip{1000};

    /// `max_wait`: the longest a connection waits for another's full handshake to give a session.
    explicit tls_sessions(std::chrono::milliseconds max_wait) : max_wait_(max_wait) {}
    ~tls_sessions();
    tls_sessions(const tls_sessions&) = delete;
    tls_sessions& operator=(const tls_sessions&) = delete;

    /// Has every connection made from `context` hand the sessions it receives to this store.
    void serve(SSL_CTX* context);

    /// The store serving `context`, if any.
    static tls_sessions* of(SSL_CTX* context);

    /// While held, a full handshake for one key is under way: connections to a nearby server
    /// wait for it. Given back when its connection has read its first answer (a TLS 1.3 server
    /// sends its session just after the handshake) or ends.
    class full_handshake {
    public:
        full_handshake() = default;
        full_handshake(tls_sessions* owner, std::string key) : owner_(owner), key_(std::move(key)) {}
        full_handshake(full_handshake&& other) noexcept;
        full_handshake& operator=(full_handshake&& other) noexcept;
        ~full_handshake() { give_back(); }
        void give_back();

    private:
        tls_sessions* owner_ = nullptr;
        std::string key_;
    };

    /// Before a handshake for `key`: when no session is kept for it but a full handshake for it
    /// is under way and the server's `round_trip` is known to be under `nearby_round_trip`,
    /// waits until that one gives a session or ends, at most `max_wait`.
    boost::asio::awaitable<void> await_shared(const std::string& key,
                                              std::optional<std::chrono::microseconds> round_trip);

    /// Offers `ssl` the session kept for `key` (the host asked for and where the bytes go),
    /// and keeps under `key` the sessions `ssl` receives; `key` must outlive `ssl`. Without a
    /// kept session the handshake is a full one, and the token returned says so until given back.
    full_handshake start(SSL* ssl, const std::string& key);

private:
    struct under_way {
        std::size_t handshakes = 0;
        std::vector<std::shared_ptr<boost::asio::steady_timer>> waiting;
    };
    static int keep(SSL* ssl, SSL_SESSION* session);
    void wake(const std::string& key);
    void ended(const std::string& key);

    std::chrono::milliseconds max_wait_;
    std::map<std::string, SSL_SESSION*> kept_;  ///< the newest session of each key, owned
    std::map<std::string, under_way> full_;     ///< full handshakes under way, and who waits
};

}  // namespace ngd::net
