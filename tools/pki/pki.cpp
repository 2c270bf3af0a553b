#include "tools/pki/pki.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <stdexcept>

namespace ngd::pki {
namespace {

struct pkey_free {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct x509_free {
    void operator()(X509* p) const { X509_free(p); }
};
struct bio_free {
    void operator()(BIO* p) const { BIO_free(p); }
};
struct ext_free {
    void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
};
struct bn_free {
    void operator()(BIGNUM* p) const { BN_free(p); }
};

using pkey_ptr = std::unique_ptr<EVP_PKEY, pkey_free>;
using x509_ptr = std::unique_ptr<X509, x509_free>;

[[noreturn]] void fail(std::string_view what)
{
    std::string text = "pki: " + std::string(what);
    if (const unsigned long code = ERR_get_error()) {
        char reason[256];
        ERR_error_string_n(code, reason, sizeof reason);
        text += ": ";
        text += reason;
    }
    ERR_clear_error();
    throw std::runtime_error(text);
}

void check(int ok, std::string_view what)
{
    if (ok != 1) fail(what);
}

pkey_ptr make_key()
{
    pkey_ptr key(EVP_EC_gen("P-256"));
    if (!key) fail("cannot generate an EC P-256 key");
    return key;
}

// A random positive 63-bit serial: unique enough that two certificates from one run
// never collide, which some verifiers treat as an attack.
void set_random_serial(X509* cert)
{
    unsigned char bytes[8];
    check(RAND_bytes(bytes, sizeof bytes), "RAND_bytes");
    bytes[0] &= 0x7f;
    std::unique_ptr<BIGNUM, bn_free> number(BN_bin2bn(bytes, sizeof bytes, nullptr));
    if (!number || !BN_to_ASN1_INTEGER(number.get(), X509_get_serialNumber(cert))) fail("serial number");
}

void set_window(X509* cert, const validity& window)
{
    const auto from = std::chrono::system_clock::to_time_t(window.not_before);
    const auto until = std::chrono::system_clock::to_time_t(window.not_after);
    if (!ASN1_TIME_set(X509_getm_notBefore(cert), from) || !ASN1_TIME_set(X509_getm_notAfter(cert), until))
        fail("validity window");
}

void set_common_name(X509* cert, std::string_view common_name)
{
    X509_NAME* name = X509_get_subject_name(cert);
    const std::string text(common_name);
    check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(text.c_str()),
                                     -1, -1, 0),
          "subject name");
}

// `issuer` is the certificate whose key signs `subject` (the same one when self-signed).
void add_extension(X509* issuer, X509* subject, int nid, const std::string& value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, subject, nullptr, nullptr, 0);
    std::unique_ptr<X509_EXTENSION, ext_free> extension(X509V3_EXT_nconf_nid(nullptr, &context, nid, value.c_str()));
    if (!extension) fail("extension " + std::string(OBJ_nid2sn(nid)) + "=" + value);
    check(X509_add_ext(subject, extension.get(), -1), "add extension");
}

x509_ptr new_certificate(EVP_PKEY* subject_key, std::string_view common_name, const validity& window)
{
    x509_ptr cert(X509_new());
    if (!cert) fail("X509_new");
    check(X509_set_version(cert.get(), X509_VERSION_3), "version");
    set_random_serial(cert.get());
    set_window(cert.get(), window);
    set_common_name(cert.get(), common_name);
    check(X509_set_pubkey(cert.get(), subject_key), "public key");
    return cert;
}

std::string to_pem(X509* cert)
{
    std::unique_ptr<BIO, bio_free> bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) fail("PEM certificate");
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

std::string to_pem(EVP_PKEY* key)
{
    std::unique_ptr<BIO, bio_free> bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        fail("PEM private key");
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

std::string subject_alt_names(const leaf_request& request)
{
    std::string names;
    const auto append = [&](std::string_view kind, const std::string& value) {
        if (!names.empty()) names += ',';
        names += kind;
        names += value;
    };
    for (const auto& dns : request.dns_names)
        append("DNS:", dns);
    for (const auto& ip : request.ip_addresses)
        append("IP:", ip);
    return names;
}

std::string leaf_common_name(const leaf_request& request)
{
    if (!request.common_name.empty()) return request.common_name;
    if (!request.dns_names.empty()) return request.dns_names.front();
    if (!request.ip_addresses.empty()) return request.ip_addresses.front();
    return "ngdoctor test server";
}

}  // namespace

validity valid_for(std::chrono::seconds length)
{
    const auto now = std::chrono::system_clock::now();
    return {now - std::chrono::hours(1), now + length};
}

validity expired()
{
    const auto now = std::chrono::system_clock::now();
    return {now - std::chrono::hours(25), now - std::chrono::hours(1)};
}

validity not_yet_valid()
{
    const auto now = std::chrono::system_clock::now();
    return {now + std::chrono::hours(24), now + std::chrono::hours(48)};
}

struct authority::impl {
    pkey_ptr key;
    x509_ptr cert;
    identity pem;
};

authority::authority(std::string_view common_name, validity window) : impl_(std::make_unique<impl>())
{
    impl_->key = make_key();
    impl_->cert = new_certificate(impl_->key.get(), common_name, window);
    X509* cert = impl_->cert.get();
    check(X509_set_issuer_name(cert, X509_get_subject_name(cert)), "issuer name");
    add_extension(cert, cert, NID_basic_constraints, "critical,CA:TRUE");
    add_extension(cert, cert, NID_key_usage, "critical,keyCertSign,cRLSign");
    add_extension(cert, cert, NID_subject_key_identifier, "hash");
    add_extension(cert, cert, NID_authority_key_identifier, "keyid:always");
    if (X509_sign(cert, impl_->key.get(), EVP_sha256()) <= 0) fail("sign CA certificate");
    impl_->pem = {to_pem(cert), to_pem(impl_->key.get())};
}

authority::~authority() = default;
authority::authority(authority&&) noexcept = default;
authority& authority::operator=(authority&&) noexcept = default;

const std::string& authority::cert_pem() const { return impl_->pem.cert_pem; }

const identity& authority::self() const { return impl_->pem; }

identity authority::issue(const leaf_request& request) const
{
    const pkey_ptr key = make_key();
    const x509_ptr cert = new_certificate(key.get(), leaf_common_name(request), request.window);
    X509* leaf = cert.get();
    X509* issuer = impl_->cert.get();
    check(X509_set_issuer_name(leaf, X509_get_subject_name(issuer)), "issuer name");
    add_extension(issuer, leaf, NID_basic_constraints, "critical,CA:FALSE");
    add_extension(issuer, leaf, NID_key_usage, "critical,digitalSignature");
    add_extension(issuer, leaf, NID_ext_key_usage, "serverAuth");
    add_extension(issuer, leaf, NID_subject_key_identifier, "hash");
    add_extension(issuer, leaf, NID_authority_key_identifier, "keyid:always");
    if (const auto names = subject_alt_names(request); !names.empty())
        add_extension(issuer, leaf, NID_subject_alt_name, names);
    if (X509_sign(leaf, impl_->key.get(), EVP_sha256()) <= 0) fail("sign server certificate");
    return {to_pem(leaf), to_pem(key.get())};
}

void write_file(const std::filesystem::path& file, std::string_view text)
{
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) throw std::runtime_error("pki: cannot write " + file.string());
}

void write_identity(const identity& id, const std::filesystem::path& cert_file, const std::filesystem::path& key_file)
{
    write_file(cert_file, id.cert_pem);
    // Narrow the permissions before the key goes in, so it is never readable by others.
    write_file(key_file, "");
    std::filesystem::permissions(key_file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    write_file(key_file, id.key_pem);
}

}  // namespace ngd::pki
