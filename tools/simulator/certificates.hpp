#pragma once
/// The simulator's TLS identity: a throw-away CA and a server certificate covering every
/// simulated host, written to a folder (--generate-ca) or read back from one (--cert-dir).
#include <boost/asio/ssl/context.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ngd::sim {

/// The files in a certificate folder.
struct tls_files {
    std::filesystem::path ca;     ///< ca.pem: what clients trust (--cacert)
    std::filesystem::path cert;   ///< server.pem
    std::filesystem::path key;    ///< server-key.pem
    std::filesystem::path hosts;  ///< hosts.txt: the DNS names covered, one a line
};

/// The file names inside `dir`.
tls_files files_in(const std::filesystem::path& dir);

/// Makes a CA and a server certificate for `hosts` plus localhost, 127.0.0.1 and ::1,
/// and writes them to `dir`. Returns an error text, empty on success.
std::string generate_certificates(const std::filesystem::path& dir, const std::vector<std::string>& hosts);

/// A TLS server context from the folder's certificate and key; nullptr and `error` set on failure.
std::unique_ptr<boost::asio::ssl::context> make_tls_context(const tls_files& files, std::string& error);

}  // namespace ngd::sim
