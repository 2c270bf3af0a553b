#pragma once
/// TLS for the client: which CAs are trusted, which name the server must prove, and
/// what to tell a person when the handshake fails.
#include <boost/asio/ssl/context.hpp>
#include <boost/system/error_code.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

typedef struct ssl_st SSL;

namespace ngd::net {

/// Where the system's trusted CAs are read from. `indexed_folder`: OpenSSL's default folder
/// holds certificates named by subject hash (update-ca-certificates makes Debian's so), and
/// only those a chain needs are read, one by one; otherwise OpenSSL's default verify paths,
/// whose bundle file is parsed whole (about 140 certificates: some 20 ms, before the first
/// handshake). SSL_CERT_FILE or SSL_CERT_DIR in the environment naming another file or folder
/// than the defaults: OpenSSL's default paths, which obey them.
struct ca_store {
    bool indexed_folder = false;
    std::string path;  ///< the folder, or the bundle file (the folder when no file exists)
};
ca_store system_ca_store();
/// The choice system_ca_store() makes, from the environment's values (null when unset) and
/// OpenSSL's compiled-in file and folder.
ca_store choose_ca_store(const char* file_env, const char* dir_env, const std::string& default_file,
                         const std::string& default_dir);

/// A client context trusting the `system` store plus each file of `cacert_files`
/// (PEM, one or more certificates). nullptr with `error` set when a file is unusable.
std::unique_ptr<boost::asio::ssl::context> make_tls_context(const std::vector<std::string>& cacert_files,
                                                            std::string& error,
                                                            const ca_store& system = system_ca_store());

/// What is wrong with one of `cacert_files` (missing, not a file, unreadable, no certificate in
/// it), or nullopt: the check make_tls_context makes, without loading the system store.
std::optional<std::string> cacert_problem(const std::vector<std::string>& cacert_files);

/// Sends SNI for a DNS name and makes verification require `host` (a DNS name or an
/// IP address) in the certificate, so a mismatch is reported as such.
bool expect_peer_name(SSL* ssl, const std::string& host);

/// One line explaining a failed handshake with `authority` (host:port): unknown CA,
/// name mismatch, expired / not yet valid, or the TLS error itself.
std::string describe_handshake_failure(SSL* ssl, const boost::system::error_code& ec, const std::string& host,
                                       const std::string& authority);

}  // namespace ngd::net
