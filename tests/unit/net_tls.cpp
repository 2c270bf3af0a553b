#define BOOST_TEST_MODULE net_tls
#include <boost/test/unit_test.hpp>

#include "net/client.hpp"
#include "net/tls.hpp"
#include "pki/pki.hpp"
#include "support/loopback_proxy.hpp"
#include "support/loopback_server.hpp"
#include "support/temp_dir.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <openssl/pem.h>
#include <openssl/x509_vfy.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace asio = boost::asio;
using ngd::net::error_class;
using ngd::test::http_answer;
using ngd::test::loopback_proxy;
using ngd::test::loopback_server;
using ngd::test::recorded_request;
using ngd::test::server_peer;

namespace {

const std::string fake_key = "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";

// A certificate authority written to a temporary folder, and servers' identities from it.
struct tls_fixture {
    ngd::test::temp_dir dir;
    ngd::pki::authority ca{"ngdoctor test CA"};
    std::string ca_file = dir.write("ca.pem", ca.cert_pem()).string();

    ngd::pki::identity leaf(std::vector<std::string> dns, std::vector<std::string> ips = {},
                            ngd::pki::validity window = ngd::pki::valid_for()) const
    {
        ngd::pki::leaf_request request;
        request.dns_names = std::move(dns);
        request.ip_addresses = std::move(ips);
        request.window = window;
        return ca.issue(request);
    }

    ngd::pki::identity localhost_leaf() const { return leaf({"localhost"}, {"127.0.0.1"}); }

    ngd::net::client_options options() const
    {
        ngd::net::client_options options;
        options.timeout = std::chrono::milliseconds(1000);
        options.cacert_files = {ca_file};
        return options;
    }
};

ngd::net::request get(std::string url, bool with_key = true)
{
    ngd::net::request req;
    req.url = std::move(url);
    if (with_key) req.bearer = fake_key;
    return req;
}

ngd::net::outcome fetch_once(ngd::net::request req, ngd::net::client_options options)
{
    asio::io_context io;
    ngd::net::client client(io.get_executor(), std::move(options));
    return ngd::test::run_to_completion(io, client.fetch(std::move(req)));
}

void check_failure(const ngd::net::outcome& result, error_class expected, std::string_view stage, std::string_view says)
{
    BOOST_TEST_REQUIRE(!result.ok());
    BOOST_TEST(ngd::net::to_string(result.fail.cls) == ngd::net::to_string(expected), result.fail.message);
    BOOST_TEST(result.fail.stage == stage);
    BOOST_TEST(result.fail.message.find(says) != std::string::npos, result.fail.message);
    BOOST_TEST(result.fail.message.find(fake_key) == std::string::npos);
    BOOST_TEST(result.fail.message.find("sk-or-") == std::string::npos);
}

std::string saw_authorization(const loopback_server& server)
{
    const auto seen = server.requests();
    return seen.empty() ? "" : seen.front().header("Authorization").value_or("");
}

loopback_server ok_server(ngd::pki::identity id)
{
    return loopback_server([](const recorded_request& r) { return http_answer(200, "secure " + r.target); },
                           std::move(id));
}

}  // namespace

BOOST_AUTO_TEST_CASE(https_with_a_trusted_ca_works_for_names_and_addresses)
{
    tls_fixture pki;
    const auto server = ok_server(pki.localhost_leaf());
    for (const char* host : {"localhost", "127.0.0.1"}) {
        const auto result = fetch_once(get(server.url(host, "/api/v1/key")), pki.options());
        BOOST_TEST_REQUIRE(result.ok(), result.fail.message);
        BOOST_TEST(result.resp->status == 200);
        BOOST_TEST(result.resp->body == "secure /api/v1/key");
    }
    BOOST_TEST(saw_authorization(server) == "Bearer " + fake_key);
}

BOOST_AUTO_TEST_CASE(a_certificate_from_an_unknown_ca_is_a_tls_failure_pointing_at_cacert)
{
    tls_fixture pki;
    const ngd::pki::authority stranger("some other CA");
    ngd::pki::leaf_request request;
    request.dns_names = {"localhost"};
    const auto server = ok_server(stranger.issue(request));
    const auto result = fetch_once(get(server.url("localhost")), pki.options());
    check_failure(result, error_class::tls, "tls", "unknown certificate authority");
    BOOST_TEST(result.fail.message.find("--cacert") != std::string::npos);
    BOOST_TEST(server.requests().empty());
}

BOOST_AUTO_TEST_CASE(a_certificate_for_another_name_is_a_host_name_mismatch)
{
    tls_fixture pki;
    const auto other_name = ok_server(pki.leaf({"example.com"}));
    check_failure(fetch_once(get(other_name.url("localhost")), pki.options()), error_class::tls, "tls",
                  "does not match the host name localhost");

    const auto no_address = ok_server(pki.leaf({"localhost"}));
    check_failure(fetch_once(get(no_address.url("127.0.0.1")), pki.options()), error_class::tls, "tls",
                  "does not match the host name 127.0.0.1");
    BOOST_TEST(other_name.requests().empty());
    BOOST_TEST(no_address.requests().empty());
}

BOOST_AUTO_TEST_CASE(expired_and_not_yet_valid_certificates_say_so)
{
    tls_fixture pki;
    const auto expired = ok_server(pki.leaf({"localhost"}, {}, ngd::pki::expired()));
    check_failure(fetch_once(get(expired.url("localhost")), pki.options()), error_class::tls, "tls", "has expired");
    const auto early = ok_server(pki.leaf({"localhost"}, {}, ngd::pki::not_yet_valid()));
    check_failure(fetch_once(get(early.url("localhost")), pki.options()), error_class::tls, "tls", "not yet valid");
}

BOOST_AUTO_TEST_CASE(an_unreadable_cacert_file_is_a_config_failure)
{
    tls_fixture pki;
    auto options = pki.options();
    options.cacert_files.push_back((pki.dir.path() / "missing.pem").string());
    check_failure(fetch_once(get("https://localhost:1/"), options), error_class::config, "config", "missing.pem");
    options.cacert_files = {pki.dir.write("garbage.pem", "not a certificate").string()};
    check_failure(fetch_once(get("https://localhost:1/"), options), error_class::config, "config", "garbage.pem");
}

BOOST_AUTO_TEST_CASE(connect_to_reaches_another_address_but_verifies_the_asked_host)
{
    tls_fixture pki;
    const auto server = ok_server(pki.leaf({"openrouter.ai"}));
    auto options = pki.options();
    options.connect_tos = {*ngd::net::parse_connect_to("openrouter.ai:443:127.0.0.1:" + std::to_string(server.port()))};
    const auto result = fetch_once(get("https://openrouter.ai/api/v1/models"), options);
    BOOST_TEST_REQUIRE(result.ok(), result.fail.message);
    BOOST_TEST(result.resp->final_url == "https://openrouter.ai/api/v1/models");
    const auto seen = server.requests();
    BOOST_TEST_REQUIRE(seen.size() == 1u);
    BOOST_TEST(seen[0].header("Host").value_or("") == "openrouter.ai");
    BOOST_TEST(seen[0].header("Authorization").value_or("") == "Bearer " + fake_key);

    // The certificate must still be valid for openrouter.ai, not for the address used.
    const auto impostor = ok_server(pki.localhost_leaf());
    options.connect_tos = {*ngd::net::parse_connect_to("openrouter.ai::localhost:" + std::to_string(impostor.port()))};
    check_failure(fetch_once(get("https://openrouter.ai/api/v1/models"), options), error_class::tls, "tls",
                  "does not match the host name openrouter.ai");
}

BOOST_AUTO_TEST_CASE(a_server_that_never_speaks_tls_times_out_in_the_handshake)
{
    tls_fixture pki;
    loopback_server mute([](server_peer& peer) -> asio::awaitable<void> { co_await peer.wait_for_close(); });
    const auto result = fetch_once(get("https://localhost:" + std::to_string(mute.port()) + "/"), pki.options());
    check_failure(result, error_class::timeout, "tls", "TLS handshake");
}

BOOST_AUTO_TEST_CASE(a_redirect_from_https_to_plain_http_elsewhere_with_a_key_is_refused)
{
    tls_fixture pki;
    const auto server = loopback_server(
        [](const recorded_request&) {
            return http_answer(302, "", {{"Location", "http://192.0.2.1:9/api/v1/key"}});
        },
        pki.localhost_leaf());
    check_failure(fetch_once(get(server.url("localhost")), pki.options()), error_class::config, "policy",
                  "192.0.2.1:9");
}

BOOST_AUTO_TEST_CASE(keep_alive_works_over_tls)
{
    tls_fixture pki;
    const auto server = ok_server(pki.localhost_leaf());
    asio::io_context io;
    ngd::net::client client(io.get_executor(), pki.options());
    for (int i = 0; i < 3; ++i) {
        const auto result = ngd::test::run_to_completion(io, client.fetch(get(server.url("localhost"))));
        BOOST_TEST_REQUIRE(result.ok(), result.fail.message);
    }
    BOOST_TEST(server.accepted() == 1u);
}

// A server that closes each connection after its answer: every request needs a new one,
// whose handshake resumes the session of the one before (to the same host only).
BOOST_AUTO_TEST_CASE(a_new_connection_to_the_same_host_resumes_the_tls_session)
{
    tls_fixture pki;
    const loopback_server server(
        [](const recorded_request&) { return http_answer(200, "once", {{"Connection", "close"}}); },
        pki.localhost_leaf());
    auto options = pki.options();
    std::vector<ngd::net::exchange_record> seen;
    options.on_exchange = [&seen](const ngd::net::exchange_record& r) { seen.push_back(r); };
    asio::io_context io;
    ngd::net::client client(io.get_executor(), options);
    for (const char* host : {"localhost", "localhost", "localhost", "127.0.0.1"}) {
        const auto result = ngd::test::run_to_completion(io, client.fetch(get(server.url(host))));
        BOOST_TEST_REQUIRE(result.ok(), result.fail.message);
    }
    BOOST_TEST(server.accepted() == 4u);
    BOOST_TEST_REQUIRE(seen.size() == 4u);
    BOOST_TEST(!seen[0].tls_resumed);  // nothing to resume yet
    BOOST_TEST(seen[1].tls_resumed);
    BOOST_TEST(seen[2].tls_resumed);
    BOOST_TEST(!seen[3].tls_resumed);  // another host name: a full handshake, certificate checked
}

namespace {

// `parallel` requests to one host, all started before any ends; each must be answered.
void fetch_together(asio::io_context& io, ngd::net::client& client, const loopback_server& server,
                    std::size_t parallel)
{
    std::vector<ngd::net::outcome> results;
    for (std::size_t i = 0; i < parallel; ++i)
        asio::co_spawn(io, client.fetch(get(server.url("localhost", "/" + std::to_string(i)))),
                       [&](std::exception_ptr, ngd::net::outcome result) { results.push_back(std::move(result)); });
    io.run();
    BOOST_TEST_REQUIRE(results.size() == parallel);
    for (const auto& result : results)
        BOOST_TEST_REQUIRE(result.ok(), result.fail.message);
}

// The record of each exchange of fetch_together with a client of `options`.
std::vector<ngd::net::exchange_record> exchanges_of_fetches_together(const loopback_server& server,
                                                                     ngd::net::client_options options,
                                                                     std::size_t parallel)
{
    std::vector<ngd::net::exchange_record> seen;
    options.on_exchange = [&seen](const ngd::net::exchange_record& r) { seen.push_back(r); };
    asio::io_context io;
    ngd::net::client client(io.get_executor(), options);
    fetch_together(io, client, server, parallel);
    BOOST_TEST_REQUIRE(seen.size() == parallel);
    return seen;
}

std::size_t resumed(const std::vector<ngd::net::exchange_record>& seen)
{
    return static_cast<std::size_t>(std::count_if(seen.begin(), seen.end(), [](const auto& r) { return r.tls_resumed; }));
}

}  // namespace

// On loopback a round trip costs less than a certificate check: connections opened together
// wait for the first one's session and resume it, each still on its own connection.
BOOST_AUTO_TEST_CASE(connections_opened_together_to_a_nearby_host_share_one_full_handshake)
{
    tls_fixture pki;
    const auto server = ok_server(pki.localhost_leaf());
    auto options = pki.options();
    options.shared_handshake_wait = std::chrono::hours(1);  // however slow this build's handshakes
    const auto seen = exchanges_of_fetches_together(server, options, 12);
    BOOST_TEST(server.accepted() == 12u);
    BOOST_TEST(resumed(seen) == 11u);
}

// A server that gives no session: the waiting connections shake hands themselves once the
// first one has its answer, not when their wait runs out (an hour here: the test's time
// limit fails it first).
BOOST_AUTO_TEST_CASE(without_sessions_from_the_server_each_connection_makes_its_own_handshake,
                     *boost::unit_test::timeout(60))
{
    tls_fixture pki;
    loopback_server server([](const recorded_request& r) { return http_answer(200, "secure " + r.target); },
                           pki.localhost_leaf());
    server.give_no_tls_sessions();
    auto options = pki.options();
    options.shared_handshake_wait = std::chrono::hours(1);
    const auto seen = exchanges_of_fetches_together(server, options, 12);
    BOOST_TEST(server.accepted() == 12u);
    BOOST_TEST(resumed(seen) == 0u);
}

BOOST_AUTO_TEST_CASE(a_proxy_refusing_connect_is_a_proxy_failure)
{
    tls_fixture pki;
    const auto server = ok_server(pki.localhost_leaf());
    const loopback_proxy proxy(403);
    auto options = pki.options();
    options.proxy = proxy.url("alice:s3cret");
    const auto result = fetch_once(get(server.url("localhost")), options);
    check_failure(result, error_class::proxy, "proxy", "403");
    BOOST_TEST(result.fail.message.find("s3cret") == std::string::npos);
    BOOST_TEST(server.accepted() == 0u);
}

BOOST_AUTO_TEST_CASE(an_unreachable_proxy_is_a_proxy_failure)
{
    tls_fixture pki;
    std::uint16_t closed_port = 0;
    {
        asio::io_context io;
        asio::ip::tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
        closed_port = acceptor.local_endpoint().port();
    }
    auto options = pki.options();
    options.proxy = "http://alice:s3cret@127.0.0.1:" + std::to_string(closed_port);
    const auto result = fetch_once(get("https://openrouter.ai/api/v1/models"), options);
    check_failure(result, error_class::proxy, "connect", "127.0.0.1:" + std::to_string(closed_port));
    BOOST_TEST(result.fail.message.find("s3cret") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_working_proxy_tunnels_tls_and_never_sees_the_key)
{
    tls_fixture pki;
    const auto server = ok_server(pki.localhost_leaf());
    const loopback_proxy proxy;
    auto options = pki.options();
    options.proxy = proxy.url("alice:s3cret");
    asio::io_context io;
    ngd::net::client client(io.get_executor(), options);
    for (int i = 0; i < 2; ++i) {
        const auto result = ngd::test::run_to_completion(io, client.fetch(get(server.url("localhost", "/api/v1/key"))));
        BOOST_TEST_REQUIRE(result.ok(), result.fail.message);
        BOOST_TEST(result.resp->via_proxy);
        BOOST_TEST(result.resp->body == "secure /api/v1/key");
    }
    // One tunnel, kept alive for both requests.
    const auto heads = proxy.heads();
    BOOST_TEST_REQUIRE(heads.size() == 1u);
    BOOST_TEST(heads[0].starts_with("CONNECT localhost:" + std::to_string(server.port()) + " HTTP/1.1\r\n"));
    BOOST_TEST(heads[0].find("Proxy-Authorization: Basic YWxpY2U6czNjcmV0") != std::string::npos);
    BOOST_TEST(heads[0].find(fake_key) == std::string::npos);
    BOOST_TEST(!proxy.relayed().empty());
    BOOST_TEST(proxy.relayed().find(fake_key) == std::string::npos);
    BOOST_TEST(proxy.relayed().find("/api/v1/key") == std::string::npos);
    BOOST_TEST(saw_authorization(server) == "Bearer " + fake_key);
    BOOST_TEST(server.accepted() == 1u);
}

BOOST_AUTO_TEST_CASE(connect_to_applies_to_the_tunnel_target)
{
    tls_fixture pki;
    const auto server = ok_server(pki.leaf({"openrouter.ai"}));
    const loopback_proxy proxy;
    auto options = pki.options();
    options.proxy = proxy.url();
    options.connect_tos = {*ngd::net::parse_connect_to("openrouter.ai:443:127.0.0.1:" + std::to_string(server.port()))};
    const auto result = fetch_once(get("https://openrouter.ai/api/v1/models"), options);
    BOOST_TEST_REQUIRE(result.ok(), result.fail.message);
    BOOST_TEST(result.resp->via_proxy);
    BOOST_TEST_REQUIRE(proxy.heads().size() == 1u);
    BOOST_TEST(proxy.heads()[0].starts_with("CONNECT 127.0.0.1:" + std::to_string(server.port()) + " "));
    BOOST_TEST(server.requests().at(0).header("Host").value_or("") == "openrouter.ai");
}

BOOST_AUTO_TEST_CASE(no_proxy_hosts_are_reached_directly)
{
    tls_fixture pki;
    const auto server = ok_server(pki.localhost_leaf());
    const loopback_proxy proxy(403);
    auto options = pki.options();
    options.proxy = proxy.url();
    options.no_proxy = "example.com, .localhost, localhost";
    const auto result = fetch_once(get(server.url("localhost")), options);
    BOOST_TEST_REQUIRE(result.ok(), result.fail.message);
    BOOST_TEST(!result.resp->via_proxy);
    BOOST_TEST(proxy.accepted() == 0u);
}

BOOST_AUTO_TEST_CASE(plain_http_goes_through_the_proxy_tunnel_too)
{
    const loopback_server server([](const recorded_request& r) { return http_answer(200, "plain " + r.target); });
    const loopback_proxy proxy;
    ngd::net::client_options options;
    options.timeout = std::chrono::milliseconds(1000);
    options.proxy = proxy.url();
    const auto result = fetch_once(get(server.url("localhost", "/health"), false), options);
    BOOST_TEST_REQUIRE(result.ok(), result.fail.message);
    BOOST_TEST(result.resp->via_proxy);
    BOOST_TEST(result.resp->body == "plain /health");
    BOOST_TEST_REQUIRE(proxy.heads().size() == 1u);
    BOOST_TEST(proxy.heads()[0].starts_with("CONNECT localhost:"));
}

BOOST_AUTO_TEST_CASE(many_concurrent_tls_requests_then_reuse_of_their_connections)
{
    tls_fixture pki;
    const auto server = ok_server(pki.localhost_leaf());
    asio::io_context io;
    ngd::net::client client(io.get_executor(), pki.options());
    constexpr std::size_t parallel = 10;
    fetch_together(io, client, server, parallel);
    // All were started before any finished, so none could wait for another's connection.
    BOOST_TEST(server.accepted() == parallel);

    for (int i = 0; i < 5; ++i) {
        const auto result = ngd::test::run_to_completion(io, client.fetch(get(server.url("localhost"))));
        BOOST_TEST_REQUIRE(result.ok(), result.fail.message);
    }
    BOOST_TEST(server.accepted() == parallel);
}

namespace {

using x509_ptr = std::unique_ptr<X509, decltype(&X509_free)>;

x509_ptr parse_pem(const std::string& pem)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
    return x509_ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
}

// What a context trusts for `leaf`: 1 when its chain verifies against the context's store.
int verifies(boost::asio::ssl::context& context, const std::string& leaf_pem)
{
    auto leaf = parse_pem(leaf_pem);
    std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> check(X509_STORE_CTX_new(), X509_STORE_CTX_free);
    X509_STORE_CTX_init(check.get(), SSL_CTX_get_cert_store(context.native_handle()), leaf.get(), nullptr);
    return X509_verify_cert(check.get());
}

// A folder of CA certificates as update-ca-certificates leaves it: each under its subject hash.
std::string hashed_name(const std::string& ca_pem)
{
    char name[16];
    std::snprintf(name, sizeof name, "%08lx.0", X509_subject_name_hash(parse_pem(ca_pem).get()));
    return name;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_folder_indexed_by_subject_hash_is_the_store_and_its_certificates_are_trusted)
{
    tls_fixture pki;
    ngd::test::temp_dir folder;
    folder.write(hashed_name(pki.ca.cert_pem()), pki.ca.cert_pem());
    const std::string bundle = pki.ca_file;
    const auto store = ngd::net::choose_ca_store(nullptr, nullptr, bundle, folder.path().string());
    BOOST_TEST(store.indexed_folder);
    BOOST_TEST(store.path == folder.path().string());
    // The folder is read as chains need it, and what it holds is trusted.
    std::string error;
    auto context = ngd::net::make_tls_context({}, error, store);
    BOOST_TEST_REQUIRE(context != nullptr, error);
    BOOST_TEST(verifies(*context, pki.localhost_leaf().cert_pem) == 1);
    // A CA that is not in the folder is not trusted.
    tls_fixture other;
    BOOST_TEST(verifies(*context, other.localhost_leaf().cert_pem) != 1);
}

BOOST_AUTO_TEST_CASE(without_a_hash_index_or_when_the_environment_names_a_store_openssl_defaults_are_used)
{
    tls_fixture pki;
    ngd::test::temp_dir unindexed;
    unindexed.write("ca-certificates.crt", pki.ca.cert_pem());
    unindexed.write("README.0", "not a hash");
    const std::string bundle = pki.ca_file;
    auto store = ngd::net::choose_ca_store(nullptr, nullptr, bundle, unindexed.path().string());
    BOOST_TEST(!store.indexed_folder);
    BOOST_TEST(store.path == bundle);  // the bundle file, parsed whole
    store = ngd::net::choose_ca_store(nullptr, nullptr, "/nonexistent/cert.pem", unindexed.path().string());
    BOOST_TEST(!store.indexed_folder);
    BOOST_TEST(store.path == unindexed.path().string());  // no file: the folder is all there is

    ngd::test::temp_dir indexed;
    indexed.write(hashed_name(pki.ca.cert_pem()), pki.ca.cert_pem());
    for (const auto& [file_env, dir_env] : {std::pair<const char*, const char*>{"/tmp/chosen.pem", nullptr},
                                            std::pair<const char*, const char*>{nullptr, "/tmp/chosen-dir"}}) {
        store = ngd::net::choose_ca_store(file_env, dir_env, bundle, indexed.path().string());
        BOOST_TEST(!store.indexed_folder);  // SSL_CERT_FILE / SSL_CERT_DIR: as OpenSSL reads them
    }
    const std::string chosen = unindexed.write("chosen.pem", pki.ca.cert_pem()).string();
    BOOST_TEST(ngd::net::choose_ca_store(chosen.c_str(), nullptr, bundle, indexed.path().string()).path == chosen);
}

// SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt names what /usr/lib/ssl/cert.pem links to:
// the default itself, so the indexed folder stands for it as when nothing is set.
BOOST_AUTO_TEST_CASE(the_environment_naming_the_default_store_itself_chooses_nothing)
{
    tls_fixture pki;
    ngd::test::temp_dir indexed;
    indexed.write(hashed_name(pki.ca.cert_pem()), pki.ca.cert_pem());
    const std::string folder = indexed.path().string();
    const std::string bundle = pki.ca_file;
    const std::string link = (pki.dir.path() / "cert.pem").string();
    std::filesystem::create_symlink(bundle, link);
    const std::string folder_link = (pki.dir.path() / "certs").string();
    std::filesystem::create_directory_symlink(folder, folder_link);
    for (const auto& [file_env, dir_env] : {std::pair<const char*, const char*>{bundle.c_str(), nullptr},
                                            std::pair<const char*, const char*>{nullptr, folder.c_str()},
                                            std::pair<const char*, const char*>{bundle.c_str(), folder.c_str()}}) {
        const auto store = ngd::net::choose_ca_store(file_env, dir_env, link, folder_link);
        BOOST_TEST(store.indexed_folder);
        BOOST_TEST(std::filesystem::equivalent(store.path, folder));
    }
    // Another file beside the default one is a choice.
    const std::string other = pki.dir.write("other.pem", pki.ca.cert_pem()).string();
    BOOST_TEST(!ngd::net::choose_ca_store(other.c_str(), folder.c_str(), link, folder_link).indexed_folder);
}
