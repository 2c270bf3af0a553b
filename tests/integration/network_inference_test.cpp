// inference.probe with --live: one tiny chat completion, each failure classified the way
// the troubleshooting guide groups them (spec §3).
#define BOOST_TEST_MODULE network_inference
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

#include "scenario_case.hpp"

using namespace ngd::itest;
namespace data = boost::unit_test::data;

namespace {

const std::string paid_model = "openai/gpt-4o-mini";
const std::string free_model = "openai/gpt-oss-20b:free";
const std::vector<std::string> live{"--live"};

std::string env_for(const std::string& model) { return env_yaml(openrouter_base, "{KEY}", model); }

verdicts probed(const std::string& probe) { return with(healthy(), {{"inference.probe", probe}}); }

std::string completion_fault(int status, const std::string& message)
{
    return R"({"faults": [{"method": "POST", "path": "/api/v1/chat/completions", "kind": "status", "status": )" +
           std::to_string(status) + R"(, "body": {"error": {"message": ")" + message + R"(", "code": )" +
           std::to_string(status) + R"(}, "user_id": "user_2x7DNyswjOHVRWDYVMCIROyGjsS"}}]})";
}

std::string model_outcome(const std::string& model, const std::string& outcome)
{
    return R"({"catalog": {"update": {")" + model + R"(": {"inference": ")" + outcome + R"(", "retry_after": 30}}}})";
}

std::vector<scenario_case> cases()
{
    return {
        {.name = "live probe answers",
         .scenario = "",
         .env = env_for(paid_model),
         .args = live,
         .expected = probed("ok"),
         .exit_code = 0},
        {.name = "live probe: a deprecated model names OpenRouter's replacement",
         .scenario = R"({"retired_models": {"openai/gpt-4o": {"code": "model_deprecated",
                          "fallback_models": ["openai/gpt-4o-mini"]}}})",
         .env = env_for("openai/gpt-4o"),
         .args = live,
         .expected = with(healthy(), {{"model.availability", "fail/http_404"},
                                      {"inference.probe", "skip"},
                                      {"provider.status", "skip"}}),
         .exit_code = 1,
         .mentions = {{"model.availability", "deprecated"},
                      {"model.availability", "openai/gpt-4o-mini"}},
         .never = {{"model.availability", "did you mean"}}},
        {.name = "live probe: an ended free variant points at the paid model",
         .scenario = R"({"retired_models": {"openai/gpt-oss-20b:free": {"code": "free_variant_ended",
                          "fallback_models": ["openai/gpt-oss-20b"]}}})",
         .env = env_for(free_model),
         .args = live,
         .expected = with(healthy(), {{"model.availability", "fail/http_404"},
                                      {"inference.probe", "skip"},
                                      {"provider.status", "skip"}}),
         .exit_code = 1,
         .mentions = {{"model.availability", "free_variant_ended"},
                      {"model.availability", "openai/gpt-oss-20b"}}},
        {.name = "openrouter/free is free: a used-up free quota stops it like any :free model",
         .scenario = R"({"keys": {"{KEY}": {"limit": 100, "free_model_daily_requests": {"limit": 1000, "remaining": 0}}}})",
         .env = env_for("openrouter/free"),
         .args = live,
         .expected = with(healthy(), {{"rate_limits", "warn/http_429"}, {"inference.probe", "fail/http_429"}}),
         .exit_code = 1,
         .mentions = {{"inference.probe", "free-models-per-day"}},
         .key = fake_key(42)},
        {.name = "openrouter/free is free: a used-up key limit does not stop it",
         .scenario = R"({"keys": {"{KEY}": {"limit": 5, "limit_remaining": 0, "usage": 5}}})",
         .env = env_for("openrouter/free"),
         .args = live,
         .expected = with(healthy(), {{"credits", "warn"}, {"inference.probe", "ok"}}),
         .exit_code = 0,
         .key = fake_key(43)},
        {.name = "live probe: 402 when the account has no credit left",
         .scenario = R"({"keys": {"{KEY}": {"limit": null, "total_credits": 1, "total_usage": 1}}})",
         .env = env_for(paid_model),
         .args = live,
         .expected = with(healthy(), {{"credits", "fail/http_402"}, {"inference.probe", "fail/http_402"}}),
         .exit_code = 1,
         .mentions = {{"inference.probe", "credits"}, {"credits", "402"}},
         .key = fake_key(40)},
        {.name = "live probe: 429 on a used-up :free quota, with the reset",
         .scenario = R"({"keys": {"{KEY}": {"limit": 100, "free_model_daily_requests": {"limit": 1000, "remaining": 0}}}})",
         .env = env_for(free_model),
         .args = live,
         .expected = with(healthy(), {{"rate_limits", "warn/http_429"}, {"inference.probe", "fail/http_429"}}),
         .exit_code = 1,
         .mentions = {{"inference.probe", "UTC"}},
         .key = fake_key(41)},
        {.name = "live probe: 429 capacity with Retry-After",
         .scenario = model_outcome(paid_model, "capacity"),
         .env = env_for(paid_model),
         .args = live,
         .expected = probed("fail/http_429"),
         .exit_code = 1,
         .mentions = {{"inference.probe", "retry in"}}},
        {.name = "live probe: 400 invalid model",
         .scenario = completion_fault(400, paid_model + " is not a valid model ID"),
         .env = env_for(paid_model),
         .args = live,
         .expected = probed("fail/http_4xx"),
         .exit_code = 1,
         .mentions = {{"inference.probe", "not a valid model ID"}, {"inference.probe", "policy_model_name"}}},
        {.name = "live probe: 400 context length",
         .scenario = completion_fault(400, "This endpoint's maximum context length is 8 tokens. However, you "
                                           "requested about 40 tokens (24 of text input, 16 in the output)."),
         .env = env_for(paid_model),
         .args = live,
         .expected = probed("fail/http_4xx"),
         .exit_code = 1,
         .mentions = {{"inference.probe", "context"}}},
        {.name = "live probe: 502 provider error",
         .scenario = model_outcome(paid_model, "provider_error"),
         .env = env_for(paid_model),
         .args = live,
         .expected = probed("fail/http_5xx"),
         .exit_code = 1,
         .mentions = {{"inference.probe", "502"}}},
        {.name = "live probe: 503 no provider available",
         .scenario = model_outcome(paid_model, "unavailable"),
         .env = env_for(paid_model),
         .args = live,
         .expected = probed("fail/http_5xx"),
         .exit_code = 1,
         .mentions = {{"inference.probe", "503"}}},
        {.name = "live probe: 408 request timeout at OpenRouter",
         .scenario = completion_fault(408, "Request timed out"),
         .env = env_for(paid_model),
         .args = live,
         .expected = probed("fail/http_4xx"),
         .exit_code = 1,
         .mentions = {{"inference.probe", "408"}}},
        {.name = "live probe with a revoked key: 401",
         .scenario = R"({"keys": {"{KEY}": {"status": "revoked"}}})",
         .env = env_for(paid_model),
         .args = live,
         .expected = with(healthy(), {{"key.status", "fail/http_401"}, {"credits", "skip"}, {"rate_limits", "skip"},
                                      {"inference.probe", "fail/http_401|skip"}}),
         .exit_code = 1,
         .key = fake_key(42)},
        {.name = "live probe with a management key: 403",
         .scenario = R"({"keys": {"{KEY}": {"management": true}}})",
         .env = env_for(paid_model),
         .args = live,
         .expected = with(healthy(), {{"key.status", "fail/config|fail/http_403"}, {"credits", "skip"},
                                      {"rate_limits", "skip"}, {"inference.probe", "fail/http_403|skip"}}),
         .exit_code = 1,
         .key = fake_key(43)},
        {.name = "live probe on a :free model with quota left answers",
         .scenario = "",
         .env = env_for(free_model),
         .args = live,
         .expected = probed("ok"),
         .exit_code = 0},
        {.name = "live probe skipped when the model is unknown",
         .scenario = "",
         .env = env_for("openai/gpt-4o-mimi"),
         .args = live,
         .expected = with(healthy(), {{"model.availability", "fail/http_404"}, {"provider.status", "skip"},
                                      {"inference.probe", "skip"}}),
         .exit_code = 1},
    };
}

}  // namespace

BOOST_DATA_TEST_CASE(inference_verdicts, data::make(cases()), c)
{
    run_case(c);
}

namespace {

std::string server_yaml(const std::string& adapter)
{
    const bool openai = adapter == "openai_model";
    const std::string prefix = openai ? "openai_" : "";
    return "policy_model:\n  responses_api_models:\n    " + adapter + ":\n      entrypoint: app.py\n      " + prefix +
           "base_url: ${policy_base_url}\n      " + prefix + "api_key: ${policy_api_key}\n      " +
           (openai ? "openai_model" : "model") + ": ${policy_model_name}\n";
}

// The probe asks what the adapter will ask: its route, and nothing else.
void expect_probe_route(const std::string& adapter, const std::string& route, const std::string& other)
{
    scenario_case c{.name = "probe route of " + adapter,
                    .scenario = "",
                    .env = env_for(paid_model),
                    .args = {"--live", "+config_paths=[server.yaml]"},
                    .expected = with(probed("ok"), {{"config.adapter", "ok|warn"}}),
                    .exit_code = 0,
                    .mentions = {{"inference.probe", route}},
                    .files = {{"server.yaml", server_yaml(adapter)}},
                    .target = "policy_model"};
    ngd::test::simulator sim;
    run_case(c, sim);
    int asked = 0;
    for (const auto& r : requests_of(sim)) {
        if (r.method != "POST") continue;
        BOOST_CHECK_MESSAGE(r.path == "/api/v1/" + route, adapter << ": probe asked " << r);
        BOOST_CHECK_MESSAGE(r.path != "/api/v1/" + other, adapter << ": probe asked " << r);
        ++asked;
    }
    BOOST_CHECK_EQUAL(asked, 1);
}

}  // namespace

BOOST_AUTO_TEST_CASE(openai_model_is_probed_on_the_responses_api)
{
    expect_probe_route("openai_model", "responses", "chat/completions");
}

BOOST_AUTO_TEST_CASE(inference_provider_and_vllm_model_are_probed_on_chat_completions)
{
    expect_probe_route("inference_provider", "chat/completions", "responses");
    expect_probe_route("vllm_model", "chat/completions", "responses");
}

// A server's error text with escape sequences (clear screen, window title, colours) and
// control characters reaches the terminal, and the JSON report, only as plain text.
BOOST_AUTO_TEST_CASE(a_servers_escape_sequences_never_reach_the_terminal)
{
    scenario_case c{.name = "hostile error message",
                    .scenario = completion_fault(400, R"(bad\u001b[2J\u001b]0;owned\u0007\u001b[31m request\r\b\b)"),
                    .env = env_for(paid_model),
                    .args = live,
                    .expected = probed("fail/*"),
                    .exit_code = 1,
                    .mentions = {{"inference.probe", "request"}}};
    ngd::test::simulator sim(c.scenario);
    const auto json_run = run_case(c, sim);
    BOOST_CHECK_MESSAGE(json_run.raw.out.find("\\u001b") == std::string::npos, json_run.raw.out);
    BOOST_CHECK_MESSAGE(json_run.raw.out.find("\\u0007") == std::string::npos, json_run.raw.out);

    ngd::test::temp_dir home;
    write_env(home, fill(c.env, {{"KEY", c.key}}));
    std::vector<std::string> args{"check-all", "--live"};
    for (const auto& a : simulator_args(sim, true)) args.push_back(a);
    const auto text = run_ngdoctor(args, home.path());
    BOOST_CHECK_MESSAGE(text.out.find("request") != std::string::npos, text.out);
    for (const char ch : text.out) {
        const auto b = static_cast<unsigned char>(ch);
        BOOST_CHECK_MESSAGE(b >= 0x20 || b == '\n' || b == '\t', "control character " << int(b) << " printed");
        if (b < 0x20 && b != '\n' && b != '\t') break;
    }
}
