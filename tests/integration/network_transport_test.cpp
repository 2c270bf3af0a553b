// base_url.reach and the transport: wrong paths, server failures, unusable bodies, slow
// and broken connections, TLS trust, the run's deadline, and hosts that are not
// OpenRouter. None of these may be reported as a bad key, a missing model or a lack of
// credits (spec §6, "Honest verdicts").
#define BOOST_TEST_MODULE network_transport
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

#include "scenario_case.hpp"
#include "support/loopback_proxy.hpp"

#include <fstream>

using namespace ngd::itest;
namespace data = boost::unit_test::data;

namespace {

const std::string env_default = env_yaml(openrouter_base, "{KEY}", "openai/gpt-4o-mini");

std::string models_fault(const std::string& fields)
{
    return R"({"faults": [{"path": "/api/v1/models", )" + fields + "}]}";
}

// The run's verdicts when GET /models did not give a catalog.
verdicts models_broken(const std::string& reach) { return unreachable(healthy(), reach); }

// The run's verdicts when GET /models failed with a server error of the moment: the host
// still answers, so every check that does not need the catalog asks its own route.
verdicts models_down()
{
    return with(healthy(), {{"base_url.reach", "fail/http_5xx"}, {"model.availability", "fail/http_5xx"}});
}

// A server on loopback that is not OpenRouter: the OpenRouter-only checks skip.
verdicts generic_host(verdicts base)
{
    return with(std::move(base), {{"key.format", "warn"}, {"key.status", "skip"}, {"provider.status", "skip"},
                                  {"credits", "skip"}, {"rate_limits", "skip"}});
}

const std::string html_404_page =
    R"("<!DOCTYPE html><html><head><title>404: This page could not be found</title></head><body>404</body></html>")";

std::vector<scenario_case> cases()
{
    return {
        {.name = "HTML 404 on /models: wrong base URL path",
         .scenario = models_fault(R"("kind": "status", "status": 404, "content_type": "text/html", "body": )" +
                                  html_404_page),
         .env = env_default,
         .expected = models_broken("fail/http_404"),
         .exit_code = 1,
         .mentions = {{"base_url.reach", "https://openrouter.ai/api/v1"}, {"base_url.reach", "policy_base_url"}}},
        {.name = "/models answers 500 JSON",
         .scenario = models_fault(R"("kind": "status", "status": 500,
                                     "body": {"error": {"message": "Internal Server Error", "code": 500}})"),
         .env = env_default,
         .expected = models_down(),
         .exit_code = 1},
        {.name = "/models answers 503 with Retry-After",
         .scenario = models_fault(R"("kind": "status", "status": 503, "headers": {"Retry-After": "30"},
                                     "body": {"error": {"message": "Service Unavailable", "code": 503}})"),
         .env = env_default,
         .expected = models_down(),
         .exit_code = 1,
         // /models down says nothing of /key: the key is still asked about (and is fine).
         .mentions = {{"key.status", "accepts the key"}},
         .never = {{"model.availability", "not in the model catalog"}}},
        {.name = "/models answers a CDN's 502 HTML page: a server failure, not a wrong path",
         .scenario = models_fault(R"("kind": "html_502")"),
         .env = env_default,
         .expected = models_down(),
         .exit_code = 1,
         .never = {{"base_url.reach", "points at a website"}}},
        {.name = "/models answers malformed JSON",
         .scenario = models_fault(R"("kind": "malformed_json")"),
         .env = env_default,
         .expected = models_broken("fail/bad_response"),
         .exit_code = 1},
        {.name = "/models answers JSON of the wrong shape",
         .scenario = models_fault(R"("kind": "status", "status": 200, "body": {"models": "none"})"),
         .env = env_default,
         .expected = models_broken("fail/bad_response"),
         .exit_code = 1},
        {.name = "/models body truncated",
         .scenario = models_fault(R"("kind": "truncated")"),
         .env = env_default,
         .expected = models_broken("fail/bad_response|fail/connect"),
         .exit_code = 1},
        {.name = "/models body drips past --timeout: the run ends with class timeout",
         .scenario = models_fault(R"("kind": "slow_drip", "interval_ms": 4000)"),
         .env = env_default,
         .args = {"--timeout", "1"},
         .expected = models_broken("fail/timeout"),
         .exit_code = 1},
        {.name = "connection reset on /models",
         .scenario = models_fault(R"("kind": "reset")"),
         .env = env_default,
         .expected = models_broken("fail/connect"),
         .exit_code = 1},
        {.name = "/models body over 16 MiB",
         .scenario = models_fault(R"("kind": "oversized")"),
         .env = env_default,
         .expected = models_broken("fail/bad_response"),
         .exit_code = 1},
        {.name = "/models redirects to itself forever",
         .scenario = models_fault(R"("kind": "redirect_loop")"),
         .env = env_default,
         .expected = models_broken("fail/bad_response"),
         .exit_code = 1},
        {.name = "5 redirects are followed",
         .scenario = models_fault(R"("kind": "status", "status": 302, "times": 5, "body": "",
                                     "headers": {"Location": "https://openrouter.ai/api/v1/models"})"),
         .env = env_default,
         .expected = healthy(),
         .exit_code = 0},
        {.name = "a 6th redirect is one too many",
         .scenario = models_fault(R"("kind": "status", "status": 302, "times": 6, "body": "",
                                     "headers": {"Location": "https://openrouter.ai/api/v1/models"})"),
         .env = env_default,
         .expected = models_broken("fail/bad_response"),
         .exit_code = 1},
        {.name = "TLS certificate for another name: class tls, the hostname is said",
         .scenario = "",
         .env = env_yaml("https://llm.example.test/v1", "{KEY}", "openai/gpt-4o-mini"),
         .args = {"--connect-to", "llm.example.test:443:127.0.0.1:{PORT}"},
         .expected = unreachable(generic_host(healthy()), "fail/tls"),
         .exit_code = 1,
         .mentions = {{"base_url.reach", "host name"}}},
        {.name = "/models rate limited (429) is not a missing model",
         .scenario = models_fault(R"("kind": "status", "status": 429,
                                     "body": {"error": {"message": "Rate limit exceeded", "code": 429}})"),
         .env = env_default,
         .expected = with(healthy(), {{"base_url.reach", "warn|fail/http_429"},
                                      {"key.status", "ok|skip"},
                                      {"model.availability", "fail/http_429|skip"},
                                      {"provider.status", "ok|skip"},
                                      {"credits", "ok|skip"},
                                      {"rate_limits", "ok|skip"}}),
         .exit_code = 1,
         .never = {{"model.availability", "did you mean"}, {"model.availability", "not in the model catalog"}}},
        {.name = "/key drips past --timeout: a timeout, not a bad key",
         .scenario = R"({"faults": [{"path": "/api/v1/key", "kind": "slow_drip", "interval_ms": 4000}]})",
         .env = env_default,
         .args = {"--timeout", "1"},
         .expected = with(healthy(), {{"key.status", "fail/timeout"}, {"credits", "skip"}, {"rate_limits", "skip"}}),
         .exit_code = 1,
         .never = {{"key.status", "rejected"}}},
        {.name = "connection reset on /key: not a bad key",
         .scenario = R"({"faults": [{"path": "/api/v1/key", "kind": "reset"}]})",
         .env = env_default,
         .expected = with(healthy(), {{"key.status", "fail/connect"}, {"credits", "skip"}, {"rate_limits", "skip"}}),
         .exit_code = 1,
         .never = {{"key.status", "rejected"}}},
        {.name = "--deadline reached: pending checks fail with class timeout",
         .scenario = R"({"latency": [{"path": "/api/v1/key", "ms": 60000}]})",
         .env = env_default,
         .args = {"--timeout", "30", "--deadline", "2"},
         .expected = with(healthy(), {{"key.status", "fail/timeout"},
                                      {"credits", "fail/timeout"},
                                      {"rate_limits", "fail/timeout"}}),
         .exit_code = 1,
         .mentions = {{"key.status", "deadline"}}},
        {.name = "untrusted CA (no --cacert): class tls",
         .scenario = "",
         .env = env_default,
         .expected = models_broken("fail/tls"),
         .exit_code = 1,
         .mentions = {{"base_url.reach", "--cacert"}, {"base_url.reach", "certificate authority"}},
         .trust_ca = false},
        {.name = "another OpenAI-compatible host over plain http on loopback",
         .scenario = "",
         .env = env_yaml("{PLAIN}", "{KEY}", "openai/gpt-4o-mini"),
         .expected = generic_host(healthy()),
         .exit_code = 0,
         .mentions = {{"key.status", "not OpenRouter"}, {"provider.status", "not OpenRouter"}}},
        {.name = "another host: unknown model still found missing",
         .scenario = "",
         .env = env_yaml("{PLAIN}", "{KEY}", "openai/gpt-4o-mimi"),
         .expected = generic_host(with(healthy(), {{"model.availability", "fail/http_404"}})),
         .exit_code = 1,
         .mentions = {{"model.availability", "openai/gpt-4o-mini"}}},
        {.name = "another host: wrong path answers an HTML 404",
         .scenario = "",
         .env = env_yaml("{ORIGIN}/v1", "{KEY}", "openai/gpt-4o-mini"),
         .expected = unreachable(generic_host(healthy()), "fail/http_404"),
         .exit_code = 1},
        {.name = "another host: nothing listens (connection refused)",
         .scenario = "",
         .env = env_yaml("http://127.0.0.1:1/v1", "{KEY}", "openai/gpt-4o-mini"),
         .expected = unreachable(generic_host(healthy()), "fail/connect"),
         .exit_code = 1},
    };
}

}  // namespace

BOOST_DATA_TEST_CASE(transport_verdicts, data::make(cases()), c)
{
    run_case(c);
}

// A proxy that refuses the tunnel: class proxy, and the report says a proxy was in use.
BOOST_AUTO_TEST_CASE(refusing_proxy_is_class_proxy)
{
    ngd::test::loopback_proxy proxy(403);
    scenario_case c{.name = "refusing proxy",
                    .scenario = "",
                    .env = env_default,
                    .args = {"--proxy", proxy.url()},
                    .expected = models_broken("fail/proxy"),
                    .exit_code = 1,
                    .mentions = {{"base_url.reach", "proxy"}}};
    run_case(c);
    BOOST_CHECK_GT(proxy.accepted(), 0u);
    // The proxy saw a CONNECT, never the key.
    for (const auto& head : proxy.heads()) {
        BOOST_CHECK(head.starts_with("CONNECT "));
        BOOST_CHECK(head.find(default_key) == std::string::npos);
    }
}

// --offline: every network check is skipped and nothing is asked of any server.
BOOST_AUTO_TEST_CASE(offline_asks_nothing)
{
    scenario_case c{.name = "offline",
                    .scenario = "",
                    .env = env_default,
                    .args = {"--offline"},
                    .expected = with(healthy(), {{"base_url.reach", "skip"}, {"key.status", "skip"},
                                                 {"model.availability", "skip"}, {"provider.status", "skip"},
                                                 {"credits", "skip"}, {"rate_limits", "skip"},
                                                 {"inference.probe", "skip"}}),
                    .exit_code = 0};
    ngd::test::simulator sim;
    run_case(c, sim);
    BOOST_CHECK(requests_of(sim).empty());
}

// A proxy whose host name does not resolve: class proxy, the proxy named, DNS said, and no
// claim that the proxy refused anything.
BOOST_AUTO_TEST_CASE(unresolvable_proxy_host_is_named_as_a_dns_failure)
{
    scenario_case c{.name = "unresolvable proxy",
                    .scenario = "",
                    .env = env_default,
                    .args = {"--proxy", "http://proxy.nonexistent.invalid:3128"},
                    .expected = models_broken("fail/proxy"),
                    .exit_code = 1,
                    .mentions = {{"base_url.reach", "proxy.nonexistent.invalid:3128"}, {"base_url.reach", "DNS"}},
                    .never = {{"base_url.reach", "refused"}}};
    run_case(c);
}

// --cacert naming a missing or unreadable file is the command line's mistake: exit 2, the
// path named, nothing asked of any server.
BOOST_AUTO_TEST_CASE(a_missing_or_unreadable_cacert_is_a_usage_error)
{
    ngd::test::simulator sim;
    ngd::test::temp_dir home;
    write_env(home, fill(env_default, {{"KEY", fake_key(1)}}));
    home.write("unreadable.pem", "-----BEGIN CERTIFICATE-----\n");
    std::filesystem::permissions(home.path() / "unreadable.pem", std::filesystem::perms::none);
    const bool root_reads_anything = std::ifstream(home.path() / "unreadable.pem").good();
    for (const std::string file : {"missing-ca.pem", "unreadable.pem"}) {
        if (file == "unreadable.pem" && root_reads_anything) continue;  // permissions do not bind root
        const auto path = (home.path() / file).string();
        std::vector<std::string> args{"check-all"};
        for (const auto& a : simulator_args(sim, true)) args.push_back(a);
        args.insert(args.end(), {"--cacert", path});
        const auto r = run_ngdoctor(args, home.path());
        BOOST_CHECK_MESSAGE(r.exit_code == 2, file << ": exit " << r.exit_code << "\n" << r.err);
        BOOST_CHECK_MESSAGE(r.err.find(path) != std::string::npos, file << ": " << r.err);
        BOOST_CHECK_MESSAGE(r.err.find("--cacert") != std::string::npos, file << ": " << r.err);
    }
    BOOST_CHECK(requests_of(sim).empty());
}

// A proxy URL that cannot be read: nothing is sent at all (not even directly, around the
// proxy), and every request says why. The CA store is read ahead of the first request: that
// must not let a request past the broken proxy setting.
BOOST_AUTO_TEST_CASE(an_unreadable_proxy_url_sends_nothing)
{
    scenario_case c{.name = "unreadable proxy URL",
                    .scenario = "",
                    .env = env_default,
                    .args = {"--proxy", "ftp://proxy.example:3128"},
                    .expected = models_broken("fail/config"),
                    .exit_code = 1,
                    .mentions = {{"base_url.reach", "invalid proxy URL"}}};
    ngd::test::simulator sim;
    run_case(c, sim);
    BOOST_CHECK(requests_of(sim).empty());
}
