#pragma once
/// A throw-away certificate authority for the simulator and the TLS tests: a self-signed
/// CA (EC P-256) that issues server certificates for chosen DNS names and IP addresses
/// with a chosen validity window (an expired certificate is one whose window is past).
/// Everything lives in memory as PEM text; writing files is a separate, explicit step.
/// Failures of OpenSSL throw std::runtime_error: this is test and demo tooling, and a
/// certificate that cannot be made is a broken environment, not bad user input.
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::pki {

/// A certificate and its private key, both PEM.
struct identity {
    std::string cert_pem;
    std::string key_pem;
};

/// When a certificate is valid: [not_before, not_after].
struct validity {
    std::chrono::system_clock::time_point not_before;
    std::chrono::system_clock::time_point not_after;
};

/// Valid from one hour ago (tolerates clock skew) until `length` from now.
validity valid_for(std::chrono::seconds length = std::chrono::hours(24));
/// Was valid for a day and ended one hour ago: verification says "certificate has expired".
validity expired();
/// Starts one day from now: verification says "certificate is not yet valid".
validity not_yet_valid();

/// What a server certificate is for.
struct leaf_request {
    std::vector<std::string> dns_names;     ///< subjectAltName DNS entries, e.g. "openrouter.ai", "localhost"
    std::vector<std::string> ip_addresses;  ///< subjectAltName IP entries, e.g. "127.0.0.1", "::1"
    validity window = valid_for();
    std::string common_name;  ///< empty: the first DNS name, else the first IP, else "ngdoctor test server"
};

/// A self-signed certificate authority (basicConstraints CA:TRUE, keyCertSign).
class authority {
public:
    /// Makes a fresh key and self-signed certificate. Two authorities never trust each
    /// other's certificates, which is what an "unknown CA" test needs.
    explicit authority(std::string_view common_name = "ngdoctor test CA",
                       validity window = valid_for(std::chrono::hours(24 * 30)));
    ~authority();
    authority(authority&&) noexcept;
    authority& operator=(authority&&) noexcept;
    authority(const authority&) = delete;
    authority& operator=(const authority&) = delete;

    /// The CA certificate, to be trusted by clients (`--cacert`).
    const std::string& cert_pem() const;
    /// The CA certificate and its key.
    const identity& self() const;

    /// Issues a server certificate (serverAuth, digitalSignature) with a fresh EC P-256 key.
    identity issue(const leaf_request& request) const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// Writes `text` to `file` (creating parent folders), replacing it; throws on failure.
void write_file(const std::filesystem::path& file, std::string_view text);

/// Writes a certificate and its key as two PEM files; the key file is made readable by
/// its owner only.
void write_identity(const identity& id, const std::filesystem::path& cert_file, const std::filesystem::path& key_file);

}  // namespace ngd::pki
