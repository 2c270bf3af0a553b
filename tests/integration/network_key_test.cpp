// key.status, credits and rate_limits against the simulated OpenRouter: the key's own
// answers (revoked, expired, management, limits, free tier, :free quota) and the
// transport answers on /key that must never be blamed on the key (spec §3, §6).
#define BOOST_TEST_MODULE network_key
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

#include "scenario_case.hpp"

using namespace ngd::itest;
namespace data = boost::unit_test::data;

namespace {

const std::string paid_model = "openai/gpt-4o-mini";
const std::string free_model = "openai/gpt-oss-20b:free";

std::string one_key(const std::string& fields) { return R"({"keys": {"{KEY}": )" + fields + "}}"; }

std::string env_for(const std::string& model, const std::string& extra = {})
{
    return env_yaml(openrouter_base, "{KEY}", model, extra);
}

// key.status failed: credits and rate_limits wait for it and are skipped.
verdicts key_failed(const std::string& key_status)
{
    return with(healthy(), {{"key.status", key_status}, {"credits", "skip"}, {"rate_limits", "skip"}});
}

std::vector<scenario_case> cases()
{
    return {
        {.name = "healthy setup: no false alarm",
         .scenario = "",
         .env = env_for(paid_model),
         .expected = healthy(),
         .exit_code = 0,
         .mentions = {{"key.status", "sk-or-v1-0e6...c96"}, {"key.status", "$100.00"}, {"key.status", "$25.50"},
                      {"credits", "$74.50"}}},
        {.name = "unknown key: 401 User not found",
         .scenario = "",
         .env = env_for(paid_model),
         .expected = key_failed("fail/http_401"),
         .exit_code = 1,
         .mentions = {{"key.status", "User not found."}, {"key.status", "https://openrouter.ai/keys"}},
         .key = fake_key(1)},
        {.name = "revoked key",
         .scenario = one_key(R"({"status": "revoked"})"),
         .env = env_for(paid_model),
         .expected = key_failed("fail/http_401"),
         .exit_code = 1,
         .mentions = {{"key.status", "User not found."}},
         .key = fake_key(2)},
        {.name = "expired key",
         .scenario = one_key(R"({"expires_at": "2024-01-01T00:00:00Z"})"),
         .env = env_for(paid_model),
         .expected = key_failed("fail/http_401|fail/config"),
         .exit_code = 1,
         .key = fake_key(3)},
        {.name = "key expiring in 2300, beyond the clock's range: not expired",
         .scenario = one_key(R"({"expires_at": "2300-01-01T00:00:00Z"})"),
         .env = env_for(paid_model),
         // No spending limit on this key and no management key: credit is unknown, not failed.
         .expected = with(healthy(), {{"credits", "skip"}}),
         .exit_code = 0,
         .key = fake_key(3)},
        {.name = "management key cannot run inference",
         .scenario = one_key(R"({"management": true, "limit": null})"),
         .env = env_for(paid_model),
         .expected = key_failed("fail/config|fail/http_403"),
         .exit_code = 1,
         .mentions = {{"key.status", "management"}},
         .key = fake_key(4)},
        {.name = "key limit used up: 402 class",
         .scenario = one_key(R"({"limit": 10, "limit_remaining": 0, "usage": 10, "limit_reset": "monthly"})"),
         .env = env_for(paid_model),
         .expected = with(healthy(), {{"credits", "fail/http_402"}}),
         .exit_code = 1,
         .mentions = {{"credits", "$10.00"}, {"credits", "https://openrouter.ai/settings/credits"}},
         .key = fake_key(5)},
        {.name = "low credit under 10 percent of the limit warns",
         .scenario = one_key(R"({"limit": 100, "limit_remaining": 4.5, "usage": 95.5})"),
         .env = env_for(paid_model),
         .expected = with(healthy(), {{"credits", "warn"}}),
         .exit_code = 0,
         .mentions = {{"credits", "$4.50"}},
         .key = fake_key(6)},
        {.name = "low credit is a failure with --strict",
         .scenario = one_key(R"({"limit": 100, "limit_remaining": 4.5, "usage": 95.5})"),
         .env = env_for(paid_model),
         .args = {"--strict"},
         .expected = with(healthy(), {{"credits", "warn"}}),
         .exit_code = 1,
         .key = fake_key(6)},
        {.name = "--min-credits above what is left warns",
         .scenario = one_key(R"({"limit": 100, "limit_remaining": 30, "usage": 70})"),
         .env = env_for(paid_model),
         .args = {"--min-credits", "50"},
         .expected = with(healthy(), {{"credits", "warn"}}),
         .exit_code = 0,
         .mentions = {{"credits", "$30.00"}, {"credits", "$50.00"}},
         .key = fake_key(7)},
        {.name = "--min-credits below what is left stays ok",
         .scenario = one_key(R"({"limit": 100, "limit_remaining": 30, "usage": 70})"),
         .env = env_for(paid_model),
         .args = {"--min-credits", "20"},
         .expected = healthy(),
         .exit_code = 0,
         .key = fake_key(7)},
        {.name = "free-tier account with a paid model warns",
         .scenario = one_key(R"({"is_free_tier": true, "limit": null, "total_credits": 0, "total_usage": 0})"),
         .env = env_for(paid_model),
         .expected = with(healthy(), {{"credits", "warn"}}),
         .exit_code = 0,
         .mentions = {{"credits", "free"}},
         .key = fake_key(8)},
        {.name = "free-tier account with a :free model: no alarm, but no pass without a balance",
         .scenario = one_key(R"({"is_free_tier": true, "limit": null, "total_credits": 0, "total_usage": 0})"),
         .env = env_for(free_model),
         .expected = with(healthy(), {{"credits", "skip"}}),
         .exit_code = 0,
         .key = fake_key(9)},
        {.name = "no limit on the key and no balance known is no evidence of credit",
         .scenario = one_key(R"({"limit": null, "usage": 3})"),
         .env = env_for(paid_model),
         .expected = with(healthy(), {{"credits", "skip"}}),
         .exit_code = 0,
         .mentions = {{"credits", "no spending limit"}, {"credits", "not known"}, {"credits", "OPENROUTER_MANAGEMENT_KEY"}},
         .key = fake_key(50)},
        {.name = "--live: no limit on the key, the probe served: that is evidence",
         .scenario = one_key(R"({"limit": null})"),
         .env = env_for(paid_model),
         .args = {"--live"},
         .expected = with(healthy(), {{"credits", "ok"}, {"inference.probe", "ok"}}),
         .exit_code = 0,
         .mentions = {{"credits", "live probe"}},
         .key = fake_key(51)},
        {.name = "--live: a used-up key limit on a :free model: both say the free model runs",
         .scenario = one_key(R"({"limit": 10, "limit_remaining": 0})"),
         .env = env_for(free_model),
         .args = {"--live"},
         .expected = with(healthy(), {{"credits", "warn"}, {"inference.probe", "ok"}}),
         .exit_code = 0,
         .mentions = {{"credits", "still runs"}},
         .key = fake_key(52)},
        {.name = "--live: a used-up key limit on a paid model: both fail with 402",
         .scenario = one_key(R"({"limit": 10, "limit_remaining": 0})"),
         .env = env_for(paid_model),
         .args = {"--live"},
         .expected = with(healthy(), {{"credits", "fail/http_402"}, {"inference.probe", "fail/http_402"}}),
         .exit_code = 1,
         .key = fake_key(53)},
        {.name = ":free daily quota used up warns with the UTC reset (the tier's policy, not always enforced)",
         .scenario = one_key(R"({"limit": 100, "free_model_daily_requests": {"limit": 1000, "remaining": 0}})"),
         .env = env_for(free_model),
         .expected = with(healthy(), {{"rate_limits", "warn/http_429"}}),
         .exit_code = 0,
         .mentions = {{"rate_limits", "UTC"}, {"rate_limits", "1000"}},
         .key = fake_key(10)},
        {.name = ":free daily quota low warns",
         .scenario = one_key(R"({"limit": 100, "free_model_daily_requests": {"limit": 1000, "remaining": 20}})"),
         .env = env_for(free_model),
         .expected = with(healthy(), {{"rate_limits", "warn"}}),
         .exit_code = 0,
         .mentions = {{"rate_limits", "20"}},
         .key = fake_key(11)},
        {.name = ":free quota of a paid model is not looked at",
         .scenario = one_key(R"({"limit": 100, "free_model_daily_requests": {"limit": 50, "remaining": 0}})"),
         .env = env_for(paid_model),
         .expected = healthy(),
         .exit_code = 0,
         .key = fake_key(12)},
        {.name = "concurrency 50 on a :free model warns and says what to use",
         .scenario = "",
         .env = env_for(free_model),
         .args = {"++num_samples_in_parallel=50"},
         .expected = with(healthy(), {{"rate_limits", "warn"}}),
         .exit_code = 0,
         .mentions = {{"rate_limits", "num_samples_in_parallel"}, {"rate_limits", "20"}}},
        {.name = "concurrency 50 on a paid model is fine",
         .scenario = "",
         .env = env_for(paid_model),
         .args = {"++num_samples_in_parallel=50"},
         .expected = healthy(),
         .exit_code = 0},
        {.name = "concurrency 10 on a :free model is fine",
         .scenario = "",
         .env = env_for(free_model),
         .args = {"++num_samples_in_parallel=10"},
         .expected = healthy(),
         .exit_code = 0},
        {.name = "429 on /key is not a bad key",
         .scenario = R"({"faults": [{"path": "/api/v1/key", "kind": "status", "status": 429,
                         "body": {"error": {"message": "Rate limit exceeded", "code": 429}}}]})",
         .env = env_for(paid_model),
         .expected = key_failed("fail/http_429"),
         .exit_code = 1,
         .never = {{"key.status", "rejected"}, {"key.status", "create a new key"}}},
        {.name = "5xx on /key is not a bad key",
         .scenario = R"({"faults": [{"path": "/api/v1/key", "kind": "status", "status": 500,
                         "body": {"error": {"message": "Internal Server Error", "code": 500}}}]})",
         .env = env_for(paid_model),
         .expected = key_failed("fail/http_5xx"),
         .exit_code = 1,
         .never = {{"key.status", "rejected"}, {"key.status", "create a new key"}}},
        {.name = "CDN 502 page on /key is not a bad key",
         .scenario = R"({"faults": [{"path": "/api/v1/key", "kind": "html_502"}]})",
         .env = env_for(paid_model),
         .expected = key_failed("fail/http_5xx"),
         .exit_code = 1,
         .never = {{"key.status", "rejected"}, {"key.status", "create a new key"}}},
        {.name = "expired key that /key still describes: expires_at in the past",
         .scenario = R"({"faults": [{"path": "/api/v1/key", "kind": "status", "status": 200, "body": {"data": {
                          "label": "sk-or-v1-0e6...c96", "limit": null, "limit_remaining": null, "limit_reset": null,
                          "include_byok_in_limit": false, "usage": 1, "usage_daily": 0, "usage_weekly": 0,
                          "usage_monthly": 1, "byok_usage": 0, "byok_usage_daily": 0, "byok_usage_weekly": 0,
                          "byok_usage_monthly": 0, "is_free_tier": false, "is_management_key": false,
                          "is_provisioning_key": false, "expires_at": "2025-01-01T00:00:00Z",
                          "creator_user_id": "user_2x7DNyswjOHVRWDYVMCIROyGjsS",
                          "free_model_daily_requests": {"limit": 1000, "remaining": 1000, "used": 0}}}}]})",
         .env = env_for(paid_model),
         .expected = key_failed("fail/*"),
         .exit_code = 1,
         .mentions = {{"key.status", "2025-01-01"}}},
        {.name = "OPENROUTER_MANAGEMENT_KEY that is not one: /credits 403 is never a failure",
         .scenario = R"({"keys": {"{KEY}": {"limit": 50, "usage": 5}, ")" + fake_key(13) + R"(": {}}})",
         .env = env_for(paid_model),
         .expected = healthy(),
         .exit_code = 0,
         .key = fake_key(14),
         .env_vars = {{"OPENROUTER_MANAGEMENT_KEY", fake_key(13)}}},
        {.name = "management key shows an empty account balance: 402 class",
         .scenario = R"({"keys": {"{KEY}": {"limit": null}, ")" + fake_key(15) +
                     R"(": {"management": true, "total_credits": 10, "total_usage": 10.5}}})",
         .env = env_for(paid_model),
         .expected = with(healthy(), {{"credits", "fail/http_402"}}),
         .exit_code = 1,
         .key = fake_key(16),
         .env_vars = {{"OPENROUTER_MANAGEMENT_KEY", fake_key(15)}}},
        {.name = "management key: balance under --min-credits warns",
         .scenario = R"({"keys": {"{KEY}": {"limit": null}, ")" + fake_key(17) +
                     R"(": {"management": true, "total_credits": 10, "total_usage": 7}}})",
         .env = env_for(paid_model),
         .args = {"--min-credits", "5"},
         .expected = with(healthy(), {{"credits", "warn"}}),
         .exit_code = 0,
         .mentions = {{"credits", "$3.00"}},
         .key = fake_key(18),
         .env_vars = {{"OPENROUTER_MANAGEMENT_KEY", fake_key(17)}}},
        {.name = "/key missing on an older deployment: /auth/key answers",
         .scenario = R"({"faults": [{"path": "/api/v1/key", "kind": "status", "status": 404,
                         "body": {"error": {"message": "Resource not found", "code": 404}}}]})",
         .env = env_for(paid_model),
         .expected = healthy(),
         .exit_code = 0},
    };
}

}  // namespace

BOOST_DATA_TEST_CASE(key_verdicts, data::make(cases()), c)
{
    run_case(c);
}

// The 401 fix names where the key is written and how to try it, never the key itself.
BOOST_AUTO_TEST_CASE(rejected_key_fix_reproduces_the_request)
{
    const auto key = fake_key(20);
    scenario_case c{.name = "rejected key fix",
                    .scenario = "",
                    .env = env_for(paid_model),
                    .expected = key_failed("fail/http_401"),
                    .exit_code = 1,
                    .mentions = {{"key.status", "policy_api_key"},
                                 {"key.status", "curl"},
                                 {"key.status", "$OPENROUTER_API_KEY"}},
                    .key = key};
    const auto run = run_case(c);
    BOOST_CHECK(run.raw.out.find(key) == std::string::npos);
    BOOST_CHECK(run.raw.err.find(key) == std::string::npos);
}

// /credits answers management keys only: without OPENROUTER_MANAGEMENT_KEY it is not asked,
// and the inference key never goes there.
BOOST_AUTO_TEST_CASE(credits_endpoint_needs_a_management_key)
{
    scenario_case c{.name = "no management key", .scenario = "", .env = env_for(paid_model), .expected = healthy(),
                    .exit_code = 0};
    ngd::test::simulator sim;
    run_case(c, sim);
    for (const auto& r : requests_of(sim)) BOOST_CHECK_MESSAGE(r.path != "/api/v1/credits", "asked " << r);
}
