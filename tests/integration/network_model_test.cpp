// model.id_format, model.availability and provider.status against the simulated catalog:
// unknown and unprefixed ids, expired and expiring models, privacy filtering, fallback
// lists and provider slugs in extra_body, endpoints and providers' status pages.
#define BOOST_TEST_MODULE network_model
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

#include "scenario_case.hpp"

using namespace ngd::itest;
namespace data = boost::unit_test::data;

namespace {

std::string env_for(const std::string& model) { return env_yaml(openrouter_base, "{KEY}", model); }

// One inference_provider server (the documented OpenRouter path) with this extra_body.
std::map<std::string, std::string> provider_config(const std::string& extra_body_yaml)
{
    return {{"configs/openrouter.yaml", "policy_model:\n"
                                        "  responses_api_models:\n"
                                        "    inference_provider:\n"
                                        "      entrypoint: app.py\n"
                                        "      base_url: ${policy_base_url}\n"
                                        "      api_key: ${policy_api_key}\n"
                                        "      model: ${policy_model_name}\n"
                                        "      extra_body:\n" +
                                            extra_body_yaml}};
}

const std::vector<std::string> with_provider_config{"+config_paths=[configs/openrouter.yaml]"};

std::vector<scenario_case> cases()
{
    return {
        {.name = "unknown model: did you mean",
         .scenario = "",
         .env = env_for("openai/gpt-4o-mimi"),
         .expected = with(healthy(), {{"model.availability", "fail/http_404"}, {"provider.status", "skip"}}),
         .exit_code = 1,
         .mentions = {{"model.availability", "did you mean"}, {"model.availability", "openai/gpt-4o-mini"}}},
        {.name = "model without provider prefix: the catalog's id is suggested",
         .scenario = "",
         .env = env_for("gpt-4o-mini"),
         .expected = with(healthy(), {{"model.id_format", "fail/config"},
                                      {"model.availability", "fail/http_404"},
                                      {"provider.status", "skip"}}),
         .exit_code = 1,
         .mentions = {{"model.id_format", "openai/gpt-4o-mini"}, {"model.availability", "openai/gpt-4o-mini"}}},
        {.name = "claude without prefix (the seed's example)",
         .scenario = "",
         .env = env_for("claude-sonnet-4.5"),
         .expected = with(healthy(), {{"model.id_format", "fail/config"},
                                      {"model.availability", "fail/http_404"},
                                      {"provider.status", "skip"}}),
         .exit_code = 1,
         .mentions = {{"model.id_format", "anthropic/claude-sonnet-4.5"}}},
        {.name = "expired model (expiration_date passed)",
         .scenario = "",
         .env = env_for("openai/gpt-4o-2024-05-13"),
         .expected = with(healthy(), {{"model.availability", "fail/http_404|fail/config"}}),
         .exit_code = 1,
         .mentions = {{"model.availability", "expir"}}},
        {.name = "model expiring within 30 days warns",
         .scenario = "",
         .env = env_for("openai/gpt-4-turbo"),
         .expected = with(healthy(), {{"model.availability", "warn"}}),
         .exit_code = 0,
         .mentions = {{"model.availability", "expires"}}},
        {.name = "an expiration date far ahead stays ok",
         .scenario = R"({"catalog": {"add": [{"id": "acme/soon-gone", "expiration_date": "2099-01-01"}]}})",
         .env = env_for("acme/soon-gone"),
         .expected = healthy(),
         .exit_code = 0},
        {.name = "model hidden from /models/user by privacy settings",
         .scenario = R"({"keys": {"{KEY}": {"excluded_models": ["openai/gpt-4o-mini"]}}})",
         .env = env_for("openai/gpt-4o-mini"),
         // This key has no spending limit and no management key is set: credit is unknown.
         .expected = with(healthy(), {{"model.availability", "warn"}, {"credits", "skip"}}),
         .exit_code = 0,
         .mentions = {{"model.availability", "/models/user"}},
         .key = fake_key(30)},
        {.name = "routing variant :nitro of a listed model is available",
         .scenario = "",
         .env = env_for("openai/gpt-4o-mini:nitro"),
         .expected = with(healthy(), {{"provider.status", "ok|skip"}}),
         .exit_code = 0},
        {.name = "unknown fallback model in extra_body.models",
         .scenario = "",
         .env = env_for("openai/gpt-4o-mini"),
         .args = with_provider_config,
         .expected = with(healthy(), {{"model.availability", "fail/http_404"}}),
         .exit_code = 1,
         .mentions = {{"model.availability", "anthropic/claude-nonexistent-9"}},
         .files = provider_config("        models: [anthropic/claude-sonnet-4.5, anthropic/claude-nonexistent-9]\n"),
         .target = "policy_model"},
        {.name = "known fallback models in extra_body.models",
         .scenario = "",
         .env = env_for("openai/gpt-4o-mini"),
         .args = with_provider_config,
         .expected = healthy(),
         .exit_code = 0,
         .files = provider_config("        models: [anthropic/claude-sonnet-4.5, openai/gpt-4o]\n"),
         .target = "policy_model"},
        {.name = "unknown slug in extra_body.provider.only",
         .scenario = "",
         .env = env_for("openai/gpt-4o-mini"),
         .args = with_provider_config,
         .expected = with(healthy(), {{"model.availability", "fail/*"}}),
         .exit_code = 1,
         .mentions = {{"model.availability", "nosuchprovider"}},
         .files = provider_config("        provider:\n          only: [nosuchprovider]\n"),
         .target = "policy_model"},
        {.name = "known slugs in extra_body.provider.order",
         .scenario = "",
         .env = env_for("openai/gpt-4o-mini"),
         .args = with_provider_config,
         .expected = healthy(),
         .exit_code = 0,
         .files = provider_config("        provider:\n          order: [azure, openai]\n"),
         .target = "policy_model"},
        {.name = "no endpoint serves the model",
         .scenario = R"({"catalog": {"update": {"openai/gpt-4o-mini": {"endpoints": []}}}})",
         .env = env_for("openai/gpt-4o-mini"),
         .expected = with(healthy(), {{"provider.status", "fail/*"}}),
         .exit_code = 1,
         .mentions = {{"provider.status", "no endpoints"}}},
        {.name = "every endpoint degraded",
         .scenario = R"({"catalog": {"update": {"openai/gpt-4o-mini": {"endpoints": [
                          {"tag": "openai", "status": -2}, {"tag": "azure", "uptime_last_30m": 61.5}]}}}})",
         .env = env_for("openai/gpt-4o-mini"),
         .expected = with(healthy(), {{"provider.status", "warn"}}),
         .exit_code = 0,
         .mentions = {{"provider.status", "degraded"}}},
        {.name = "one endpoint degraded, one healthy",
         .scenario = R"({"catalog": {"update": {"openai/gpt-4o-mini": {"endpoints": [
                          {"tag": "openai", "status": -2}, {"tag": "azure", "uptime_last_30m": 99.5}]}}}})",
         .env = env_for("openai/gpt-4o-mini"),
         .expected = healthy(),
         .exit_code = 0},
        {.name = "provider status page reports a major outage",
         .scenario = R"({"status_pages": {"status.openai.com": {"indicator": "major",
                          "description": "Partial System Outage"}}})",
         .env = env_for("openai/gpt-4o-mini"),
         .expected = with(healthy(), {{"provider.status", "warn"}}),
         .exit_code = 0,
         .mentions = {{"provider.status", "Partial System Outage"}}},
        {.name = "provider status page with a minor incident stays ok",
         .scenario = R"({"status_pages": {"status.openai.com": {"indicator": "minor"}}})",
         .env = env_for("openai/gpt-4o-mini"),
         .expected = healthy(),
         .exit_code = 0},
        {.name = "healthy model shows its context length and price",
         .scenario = "",
         .env = env_for("openai/gpt-4o-mini"),
         .expected = healthy(),
         .exit_code = 0,
         .mentions = {{"model.availability", "128,000"}, {"model.availability", "$0.15"}}},
        {.name = "/models/user failing (5xx) is not privacy filtering",
         .scenario = R"({"faults": [{"path": "/api/v1/models/user", "kind": "status", "status": 500,
                          "body": {"error": {"message": "Internal Server Error", "code": 500}}}]})",
         .env = env_for("openai/gpt-4o-mini"),
         .expected = healthy(),
         .exit_code = 0,
         .never = {{"model.availability", "privacy"}}},
        {.name = "endpoints failing (5xx) is not 'no provider serves the model'",
         .scenario = R"({"faults": [{"path": "/api/v1/models/openai/gpt-4o-mini/endpoints", "kind": "status",
                          "status": 503, "body": {"error": {"message": "Service Unavailable", "code": 503}}}]})",
         .env = env_for("openai/gpt-4o-mini"),
         .expected = with(healthy(), {{"provider.status", "fail/http_5xx"}}),
         .exit_code = 1,
         .never = {{"provider.status", "no provider serves"}}},
        {.name = "endpoints rate limited (429) is not 'no provider serves the model'",
         .scenario = R"({"faults": [{"path": "/api/v1/models/openai/gpt-4o-mini/endpoints", "kind": "status",
                          "status": 429, "body": {"error": {"message": "Rate limit exceeded", "code": 429}}}]})",
         .env = env_for("openai/gpt-4o-mini"),
         .expected = with(healthy(), {{"provider.status", "fail/http_429"}}),
         .exit_code = 1,
         .never = {{"provider.status", "no provider serves"}}},
        {.name = "/providers failing leaves the endpoints' verdict",
         .scenario = R"({"faults": [{"path": "/api/v1/providers", "kind": "malformed_json"}]})",
         .env = env_for("openai/gpt-4o-mini"),
         .expected = healthy(),
         .exit_code = 0},
        {.name = "a status page that fails (5xx) is no outage",
         .scenario = R"({"faults": [{"host": "status.openai.com", "kind": "html_502"}]})",
         .env = env_for("openai/gpt-4o-mini"),
         .expected = healthy(),
         .exit_code = 0},
        {.name = "no endpoints: similar models are suggested",
         .scenario = R"({"catalog": {"update": {"openai/gpt-4o": {"endpoints": []}}}})",
         .env = env_for("openai/gpt-4o"),
         .expected = with(healthy(), {{"provider.status", "fail/*"}}),
         .exit_code = 1,
         .mentions = {{"provider.status", "+policy_model_name="}}},
        {.name = "num_concurrent_requests 64 of an inference_provider on a :free model",
         .scenario = "",
         .env = env_for("openai/gpt-oss-20b:free"),
         .args = with_provider_config,
         .expected = with(healthy(), {{"rate_limits", "warn"}}),
         .exit_code = 0,
         .mentions = {{"rate_limits", "num_concurrent_requests"}},
         .files = provider_config("        {}\n      num_concurrent_requests: 64\n"),
         .target = "policy_model"},
        {.name = "a page asked early but not named by /providers is never reported",
         // status.claude.com is asked before /providers answers; /providers then names no
         // page for Anthropic, so the outage there says nothing about this model.
         .scenario = R"({"providers": [{"slug": "anthropic", "status_page_url": null}],
                        "status_pages": {"status.claude.com": {"indicator": "critical",
                          "description": "Major System Outage"}}})",
         .env = env_for("anthropic/claude-sonnet-4.5"),
         .expected = healthy(),
         .exit_code = 0,
         .never = {{"provider.status", "Major System Outage"}, {"provider.status", "status.claude.com"}}},
        {.name = "a known redirect that no longer redirects: the page's own answer stands",
         .scenario = R"({"status_pages": {"status.anthropic.com": {"kind": "statuspage", "indicator": "major",
                          "description": "Partial System Outage"}}})",
         .env = env_for("anthropic/claude-sonnet-4.5"),
         .expected = with(healthy(), {{"provider.status", "warn"}}),
         .exit_code = 0,
         .mentions = {{"provider.status", "Partial System Outage"}}},
        {.name = "a known redirect that now points elsewhere is followed there",
         .scenario = R"({"status_pages": {"status.anthropic.example": {"indicator": "critical",
                          "description": "Moved and Down"}, "status.anthropic.com": {"redirect_to": "status.anthropic.example"}}})",
         .env = env_for("anthropic/claude-sonnet-4.5"),
         .expected = with(healthy(), {{"provider.status", "warn"}}),
         .exit_code = 0,
         .mentions = {{"provider.status", "Moved and Down"}}},
        {.name = "status.anthropic.com redirects to status.claude.com, which reports critical",
         .scenario = R"json({"status_pages": {"status.claude.com": {"indicator": "critical",
                          "description": "Major System Outage",
                          "components": [{"name": "claude.ai", "status": "operational"},
                                         {"name": "Claude API (api.anthropic.com)", "status": "major_outage"}],
                          "incidents": [{"name": "Elevated errors on Claude Sonnet 4.5",
                                         "components": ["Claude API (api.anthropic.com)"]}]}}})json",
         .env = env_for("anthropic/claude-sonnet-4.5"),
         .expected = with(healthy(), {{"provider.status", "warn"}}),
         .exit_code = 0,
         .mentions = {{"provider.status", "Major System Outage"},
                      {"provider.status", "Elevated errors on Claude Sonnet 4.5"},
                      {"provider.status", "Claude API (api.anthropic.com) (major_outage)"}}},
        {.name = "status.openai.com: an outage of ChatGPT alone is not the API's",
         .scenario = R"({"status_pages": {"status.openai.com": {"indicator": "major",
                          "description": "Partial System Outage",
                          "components": [{"name": "APIs", "status": "operational"},
                                         {"name": "ChatGPT", "status": "partial_outage"}]}}})",
         .env = env_for("openai/gpt-4o-mini"),
         .expected = healthy(),
         .exit_code = 0,
         .never = {{"provider.status", "reports"}}},
    };
}

}  // namespace

BOOST_DATA_TEST_CASE(model_verdicts, data::make(cases()), c)
{
    run_case(c);
}

// The status page of Anthropic moved: the check follows the 302 to the new host, and
// asks it without the key.
BOOST_AUTO_TEST_CASE(anthropic_status_page_redirect_is_followed)
{
    scenario_case c{.name = "anthropic healthy",
                    .scenario = "",
                    .env = env_for("anthropic/claude-sonnet-4.5"),
                    .expected = healthy(),
                    .exit_code = 0};
    ngd::test::simulator sim;
    run_case(c, sim);
    bool asked_old = false, asked_new = false;
    for (const auto& r : requests_of(sim)) {
        if (r.host == "status.anthropic.com") asked_old = true;
        if (r.host == "status.claude.com") {
            asked_new = true;
            BOOST_CHECK_EQUAL(r.auth, "none");
        }
    }
    BOOST_CHECK(asked_old);
    BOOST_CHECK(asked_new);
}

// Speculation: the status pages of the providers an author is usually routed to are asked
// at time zero, the known redirect's target with them, without waiting for /providers. Here
// /providers answers only after the run's deadline, so a page asked at all was asked before
// /providers answered; the old page's 302 confirms the target, which is asked only once.
BOOST_AUTO_TEST_CASE(known_status_pages_start_before_providers_answers)
{
    ngd::test::simulator sim(R"({"latency": [{"host": "openrouter.ai", "path": "/api/v1/providers", "ms": 60000}]})");
    ngd::test::temp_dir dir;
    write_env(dir, fill(env_for("anthropic/claude-sonnet-4.5"), {{"KEY", default_key}}));
    const auto run = check_all(sim, dir.path(), {"--deadline", "5"});
    BOOST_TEST_REQUIRE(run.report.is_object(), run);
    const auto log = requests_of(sim);
    int asked_old = 0, asked_new = 0, asked_providers = 0;
    for (const auto& r : log) {
        asked_old += r.host == "status.anthropic.com";
        asked_new += r.host == "status.claude.com";
        asked_providers += r.path == "/api/v1/providers";
    }
    BOOST_TEST(asked_providers == 1);
    BOOST_TEST(asked_old == 1);
    BOOST_TEST(asked_new == 1);
    // Unconfirmed by /providers, the pages are not reported.
    const auto* row = row_of(run.report, "provider.status", "policy");
    BOOST_TEST_REQUIRE(row);
    BOOST_TEST(all_text(*row).find("status.claude.com") == std::string::npos, all_text(*row));
}

// The endpoints' latency and throughput reach authenticated callers only: whichever check
// asks first, the target's key goes with the request (and only to the target's host).
BOOST_AUTO_TEST_CASE(endpoints_are_fetched_with_the_targets_key)
{
    scenario_case c{.name = "endpoints with the key",
                    .scenario = "",
                    .env = env_for("openai/gpt-4o-mini"),
                    .expected = healthy(),
                    .exit_code = 0};
    ngd::test::simulator sim;
    run_case(c, sim);
    int asked = 0;
    for (const auto& r : requests_of(sim)) {
        if (!r.path.ends_with("/endpoints")) continue;
        ++asked;
        BOOST_CHECK_EQUAL(r.host, "openrouter.ai");
        BOOST_CHECK_MESSAGE(r.auth != "none", "endpoints asked without the key: " << r);
    }
    BOOST_CHECK_EQUAL(asked, 1);
}
