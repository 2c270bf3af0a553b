#define BOOST_TEST_MODULE net_pki
#include <boost/test/unit_test.hpp>

#include "pki/pki.hpp"
#include "support/temp_dir.hpp"

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <filesystem>
#include <memory>

namespace {

struct x509_free {
    void operator()(X509* p) const { X509_free(p); }
};
using x509_ptr = std::unique_ptr<X509, x509_free>;

x509_ptr parse_cert(const std::string& pem)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
    return x509_ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

/// The OpenSSL verify result of `leaf` against `trusted` alone, for `host` (empty: no name check).
int verify(const std::string& leaf_pem, const std::string& trusted_pem, const std::string& host = "")
{
    const auto leaf = parse_cert(leaf_pem);
    const auto root = parse_cert(trusted_pem);
    BOOST_REQUIRE(leaf && root);
    std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> store(X509_STORE_new(), &X509_STORE_free);
    X509_STORE_add_cert(store.get(), root.get());
    std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> context(X509_STORE_CTX_new(), &X509_STORE_CTX_free);
    X509_STORE_CTX_init(context.get(), store.get(), leaf.get(), nullptr);
    if (!host.empty()) X509_VERIFY_PARAM_set1_host(X509_STORE_CTX_get0_param(context.get()), host.c_str(), 0);
    X509_verify_cert(context.get());
    return X509_STORE_CTX_get_error(context.get());
}

ngd::pki::leaf_request for_localhost(ngd::pki::validity window = ngd::pki::valid_for())
{
    ngd::pki::leaf_request request;
    request.dns_names = {"localhost"};
    request.window = window;
    return request;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_leaf_verifies_against_its_authority_for_its_names)
{
    const ngd::pki::authority ca;
    ngd::pki::leaf_request request;
    request.dns_names = {"openrouter.ai", "localhost"};
    request.ip_addresses = {"127.0.0.1", "::1"};
    const auto leaf = ca.issue(request);
    BOOST_TEST(verify(leaf.cert_pem, ca.cert_pem()) == X509_V_OK);
    BOOST_TEST(verify(leaf.cert_pem, ca.cert_pem(), "openrouter.ai") == X509_V_OK);
    BOOST_TEST(verify(leaf.cert_pem, ca.cert_pem(), "localhost") == X509_V_OK);
    BOOST_TEST(verify(leaf.cert_pem, ca.cert_pem(), "example.com") == X509_V_ERR_HOSTNAME_MISMATCH);
    BOOST_TEST(leaf.key_pem.find("PRIVATE KEY") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(another_authority_is_unknown)
{
    const ngd::pki::authority ca, stranger("another CA");
    const auto leaf = ca.issue(for_localhost());
    const int result = verify(leaf.cert_pem, stranger.cert_pem());
    BOOST_TEST(
        (result == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY || result == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT));
}

BOOST_AUTO_TEST_CASE(validity_windows_give_expired_and_not_yet_valid)
{
    const ngd::pki::authority ca;
    BOOST_TEST(verify(ca.issue(for_localhost(ngd::pki::expired())).cert_pem, ca.cert_pem()) ==
               X509_V_ERR_CERT_HAS_EXPIRED);
    BOOST_TEST(verify(ca.issue(for_localhost(ngd::pki::not_yet_valid())).cert_pem, ca.cert_pem()) ==
               X509_V_ERR_CERT_NOT_YET_VALID);
}

BOOST_AUTO_TEST_CASE(identities_are_written_to_files)
{
    const ngd::test::temp_dir dir;
    const ngd::pki::authority ca;
    const auto leaf = ca.issue(for_localhost());
    ngd::pki::write_identity(leaf, dir.path() / "tls/server.pem", dir.path() / "tls/server.key");
    ngd::pki::write_file(dir.path() / "ca.pem", ca.cert_pem());
    BOOST_TEST(ngd::test::temp_dir::read(dir.path() / "tls/server.pem") == leaf.cert_pem);
    BOOST_TEST(ngd::test::temp_dir::read(dir.path() / "tls/server.key") == leaf.key_pem);
    BOOST_TEST(ngd::test::temp_dir::read(dir.path() / "ca.pem") == ca.cert_pem());
    const auto perms = std::filesystem::status(dir.path() / "tls/server.key").permissions();
    const bool private_to_owner = (perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all)) ==
                                  std::filesystem::perms::none;
    BOOST_TEST(private_to_owner);
}
