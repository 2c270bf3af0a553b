#include "net/tls.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "net/url.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>

namespace ngd::net {
namespace {

bool is_unknown_ca(long result)
{
    switch (result) {
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
        case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
        case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        case X509_V_ERR_CERT_UNTRUSTED:
            return true;
        default:
            return false;
    }
}

std::string describe_verify_result(long result, const std::string& host, const std::string& authority)
{
    const std::string reason = X509_verify_cert_error_string(result);
    if (is_unknown_ca(result))
        return "TLS certificate of " + authority + " is signed by an unknown certificate authority (" + reason +
               "); if this CA is expected, trust it with --cacert FILE";
    if (result == X509_V_ERR_HOSTNAME_MISMATCH || result == X509_V_ERR_IP_ADDRESS_MISMATCH)
        return "TLS certificate of " + authority + " does not match the host name " + host + " (" + reason + ")";
    if (result == X509_V_ERR_CERT_HAS_EXPIRED)
        return "TLS certificate of " + authority + " has expired (" + reason + ")";
    if (result == X509_V_ERR_CERT_NOT_YET_VALID)
        return "TLS certificate of " + authority + " is not yet valid (" + reason + "); check the system clock";
    return "TLS certificate of " + authority + " failed verification: " + reason;
}

// A folder OpenSSL can look issuers up in: at least one certificate named <subject hash>.0.
bool is_hash_indexed(const std::string& dir)
{
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const auto name = it->path().filename().string();
        if (name.size() == 10 && name.ends_with(".0") &&
            std::all_of(name.begin(), name.begin() + 8, [](unsigned char c) { return std::isxdigit(c) != 0; }))
            return true;
    }
    return false;
}

}  // namespace

namespace {

/// Loads each of `cacert_files` into `context`; false with `error` naming the file that is
/// missing, not a file, unreadable or holds no certificate.
bool load_cacerts(boost::asio::ssl::context& context, const std::vector<std::string>& cacert_files,
                  std::string& error)
{
    for (const auto& file : cacert_files) {
        std::error_code fs_error;
        if (!std::filesystem::exists(file, fs_error)) {
            error = "CA certificate file not found: " + file;
            return false;
        }
        if (!std::filesystem::is_regular_file(file, fs_error)) {
            error = "CA certificate path is not a file: " + file;
            return false;
        }
        if (std::FILE* readable = std::fopen(file.c_str(), "rb")) {
            std::fclose(readable);
        } else {
            error = "cannot read CA certificate file " + file + ": " + std::strerror(errno);
            return false;
        }
        boost::system::error_code ec;
        context.load_verify_file(file, ec);
        if (ec) {
            error = "cannot load CA certificates from " + file + ": " + ec.message();
            return false;
        }
    }
    return true;
}

// A variable naming the compiled-in default itself, by a link or not, chooses nothing: many
// environments set SSL_CERT_FILE to the system bundle and SSL_CERT_DIR to its folder.
bool names_another(const char* env, const std::string& default_path)
{
    std::error_code ec;
    return env && *env && !std::filesystem::equivalent(env, default_path, ec);
}

}  // namespace

ca_store choose_ca_store(const char* file_env, const char* dir_env, const std::string& default_file,
                         const std::string& default_dir)
{
    const bool chosen = names_another(file_env, default_file) || names_another(dir_env, default_dir);
    const std::string file = file_env && *file_env ? file_env : default_file;
    const std::string dir = dir_env && *dir_env ? dir_env : default_dir;
    if (!chosen && is_hash_indexed(dir)) return {true, dir};
    std::error_code ec;
    return {false, std::filesystem::exists(file, ec) ? file : dir};
}

ca_store system_ca_store()
{
    return choose_ca_store(std::getenv(X509_get_default_cert_file_env()), std::getenv(X509_get_default_cert_dir_env()),
                           X509_get_default_cert_file(), X509_get_default_cert_dir());
}

std::unique_ptr<boost::asio::ssl::context> make_tls_context(const std::vector<std::string>& cacert_files,
                                                            std::string& error, const ca_store& system)
{
    namespace ssl = boost::asio::ssl;
    auto context = std::make_unique<ssl::context>(ssl::context::tls_client);
    boost::system::error_code ec;
    context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                             ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1,
                         ec);
    // A machine without a system store still works with --cacert alone.
    if (system.indexed_folder)
        SSL_CTX_load_verify_dir(context->native_handle(), system.path.c_str());
    else
        context->set_default_verify_paths(ec);
    if (!load_cacerts(*context, cacert_files, error)) return nullptr;
    context->set_verify_mode(ssl::verify_peer);
    return context;
}

std::optional<std::string> cacert_problem(const std::vector<std::string>& cacert_files)
{
    // Without the system store, whose parsing is most of a context's cost: only the files are at stake.
    boost::asio::ssl::context bare(boost::asio::ssl::context::tls_client);
    std::string error;
    if (!load_cacerts(bare, cacert_files, error)) return error;
    return std::nullopt;
}

bool expect_peer_name(SSL* ssl, const std::string& host)
{
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    if (is_ip_literal(host)) return X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str()) == 1;
    return SSL_set_tlsext_host_name(ssl, host.c_str()) == 1 && X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0) == 1;
}

std::string describe_handshake_failure(SSL* ssl, const boost::system::error_code& ec, const std::string& host,
                                       const std::string& authority)
{
    const long result = SSL_get_verify_result(ssl);
    if (result != X509_V_OK) return describe_verify_result(result, host, authority);
    return "TLS handshake with " + authority + " failed: " + ec.message();
}

}  // namespace ngd::net
