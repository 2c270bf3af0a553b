#define BOOST_TEST_MODULE checks_network
#include <boost/test/unit_test.hpp>

// The network checks' verdicts on recorded answers (fed through the shared-answers seam), so
// every branch is reached without a server; tests/integration runs the same against the
// simulator over real TLS.
#include "checks/checks.hpp"
#include "doctor/answers.hpp"
#include "net/client.hpp"
#include "openrouter/api.hpp"
#include "support/run_check.hpp"

#include <boost/asio/io_context.hpp>

#include <algorithm>

using namespace ngd;
using doctor::status;

namespace {

const std::string base = "https://openrouter.ai/api/v1";
const std::string curl = "curl https://openrouter.ai/api/v1/key -H \"Authorization: Bearer $OPENROUTER_API_KEY\"";

// 2026-11-22T00:00:00Z, the tests' "now".
const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1795305600));

struct world {
    boost::asio::io_context io;
    net::client http{io.get_executor(), {}};
    doctor::answers fetched{http};
    doctor::run_context run;
    doctor::target t = test::policy_target(base, test::fake_key, "openai/gpt-4o-mini");

    world()
    {
        run.fetched = &fetched;
        run.http = &http;
        run.now = [] { return now; };
    }
    doctor::finding check(doctor::check_function fn) { return test::run_check(fn, run, &t); }
};

template <class T>
openrouter::api_result<T> answer(T value)
{
    openrouter::api_result<T> a;
    a.value = std::move(value);
    a.curl = curl;
    return a;
}

template <class T>
openrouter::api_result<T> http_error(int code, std::string message = {})
{
    openrouter::api_result<T> a;
    a.error.cls = net::classify_status(code);
    a.error.status = code;
    a.error.stage = "http";
    a.error.server_message = std::move(message);
    a.error.detail = "GET answered HTTP " + std::to_string(code);
    a.curl = curl;
    return a;
}

openrouter::key_info key_info()
{
    openrouter::key_info k;
    k.label = "sk-or-v1-0e6...c96";
    k.limit = 100;
    k.limit_remaining = 74.5;
    k.has_limit_remaining = true;
    k.limit_reset = "monthly";
    k.usage = 25.5;
    k.free_model_daily_requests = openrouter::free_model_quota{1000, 998, 2};
    return k;
}

openrouter::model model(std::string id, double prompt = 1.5e-7, double completion = 6e-7, std::int64_t context = 128000)
{
    openrouter::model m;
    m.id = std::move(id);
    m.context_length = context;
    m.pricing.prompt_usd = prompt;
    m.pricing.completion_usd = completion;
    return m;
}

openrouter::model_list catalog(std::vector<openrouter::model> models)
{
    openrouter::model_list l;
    l.data = std::move(models);
    return l;
}

std::string state(const doctor::finding& f) { return std::string(doctor::to_string(f.state)); }

bool says(const doctor::finding& f, std::string_view text) { return f.summary.find(text) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_SUITE(key_status)

BOOST_AUTO_TEST_CASE(valid_key_shows_label_limit_and_usage)
{
    world w;
    w.fetched.preset_key(base, test::fake_key, answer(key_info()));
    const auto f = w.check(checks::key_status);
    BOOST_TEST(state(f) == "ok");
    BOOST_TEST(says(f, "sk-or-v1-0e6...c96, limit $100.00 monthly, used $25.50"), f.summary);
}

BOOST_AUTO_TEST_CASE(a_401_quotes_the_server)
{
    world w;
    w.fetched.preset_key(base, test::fake_key, http_error<openrouter::key_info>(401, "User not found."));
    const auto f = w.check(checks::key_status);
    BOOST_TEST(state(f) == "fail");
    BOOST_TEST(f.summary == "OpenRouter rejected the key: \"User not found.\" (401)");
    BOOST_TEST(net::to_string(f.error) == "http_401");
    BOOST_TEST(f.remedy.commands.at(0).find("$OPENROUTER_API_KEY") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(management_and_expired_keys_fail)
{
    world w;
    auto k = key_info();
    k.is_management_key = true;
    w.fetched.preset_key(base, test::fake_key, answer(k));
    BOOST_TEST(says(w.check(checks::key_status), "management key"));

    world w2;
    k = key_info();
    k.expires_at = "2026-01-01T00:00:00Z";
    w2.fetched.preset_key(base, test::fake_key, answer(k));
    const auto f = w2.check(checks::key_status);
    BOOST_TEST(state(f) == "fail");
    BOOST_TEST(says(f, "expired on 2026-01-01"));

    world w3;
    k.expires_at = "2026-11-25T00:00:00Z";
    w3.fetched.preset_key(base, test::fake_key, answer(k));
    BOOST_TEST(state(w3.check(checks::key_status)) == "warn");
}

BOOST_AUTO_TEST_CASE(transport_failures_never_blame_the_key)
{
    for (const int code : {429, 500, 502, 503}) {
        world w;
        w.fetched.preset_key(base, test::fake_key, http_error<openrouter::key_info>(code));
        const auto f = w.check(checks::key_status);
        BOOST_TEST(state(f) == "fail");
        BOOST_TEST(f.summary.find("rejected") == std::string::npos, f.summary);
        BOOST_TEST(f.remedy.text.find("says nothing about the key") != std::string::npos, f.remedy.text);
        BOOST_TEST(net::to_string(f.error) == (code == 429 ? "http_429" : "http_5xx"));
    }
    world w;
    openrouter::api_result<openrouter::key_info> timeout;
    timeout.error.cls = net::error_class::timeout;
    timeout.error.detail = "no answer from openrouter.ai:443 within 10 s";
    w.fetched.preset_key(base, test::fake_key, timeout);
    const auto f = w.check(checks::key_status);
    BOOST_TEST(net::to_string(f.error) == "timeout");
    BOOST_TEST(f.summary.find("no answer in time") == 0u, f.summary);
    BOOST_TEST(f.summary.find("rejected") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(another_host_is_skipped)
{
    world w;
    w.t.base_url.value = "https://api.openai.com/v1";
    const auto f = w.check(checks::key_status);
    BOOST_TEST(state(f) == "skip");
    BOOST_TEST(says(f, "not OpenRouter (api.openai.com)"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(credits)

BOOST_AUTO_TEST_CASE(limit_used_up_low_and_enough)
{
    world w;
    auto k = key_info();
    k.limit_remaining = 0;
    w.fetched.preset_key(base, test::fake_key, answer(k));
    auto f = w.check(checks::credits);
    BOOST_TEST(state(f) == "fail");
    BOOST_TEST(net::to_string(f.error) == "http_402");

    world low;
    k.limit_remaining = 5;
    low.fetched.preset_key(base, test::fake_key, answer(k));
    BOOST_TEST(state(low.check(checks::credits)) == "warn");

    world fine;
    fine.fetched.preset_key(base, test::fake_key, answer(key_info()));
    f = fine.check(checks::credits);
    BOOST_TEST(state(f) == "ok");
    BOOST_TEST(f.summary == "$74.50 left of the key's $100.00 limit");

    world floor;
    floor.run.options.min_credits = 80;
    floor.fetched.preset_key(base, test::fake_key, answer(key_info()));
    BOOST_TEST(says(floor.check(checks::credits), "--min-credits"));
}

BOOST_AUTO_TEST_CASE(free_tier_with_a_paid_model_warns)
{
    world w;
    auto k = key_info();
    k.is_free_tier = true;
    w.fetched.preset_key(base, test::fake_key, answer(k));
    w.fetched.preset_models(base, test::fake_key, answer(catalog({model("openai/gpt-4o-mini")})));
    const auto f = w.check(checks::credits);
    BOOST_TEST(state(f) == "warn");
    BOOST_TEST(says(f, "free-tier account"));
}

BOOST_AUTO_TEST_CASE(a_negative_balance_fails_with_a_management_key)
{
    world w;
    const std::string management = "sk-or-v1-" + std::string(64, 'b');
    w.run.options.management_key = management;
    w.fetched.preset_key(base, test::fake_key, answer(key_info()));
    w.fetched.preset_credits(base, management, answer(openrouter::credits{10, 12.5}));
    const auto f = w.check(checks::credits);
    BOOST_TEST(state(f) == "fail");
    BOOST_TEST(says(f, "balance is $-2.50"), f.summary);

    world not_management;
    not_management.run.options.management_key = management;
    not_management.fetched.preset_key(base, test::fake_key, answer(key_info()));
    not_management.fetched.preset_credits(base, management, http_error<openrouter::credits>(403));
    BOOST_TEST(state(not_management.check(checks::credits)) == "ok");  // a 403 there is never a failure
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(rate_limits)

BOOST_AUTO_TEST_CASE(free_quota_used_up_names_the_utc_reset)
{
    world w;
    w.t.model.value = "meta-llama/llama-3.3-70b-instruct:free";
    auto k = key_info();
    k.free_model_daily_requests = openrouter::free_model_quota{50, 0, 50};
    w.fetched.preset_key(base, test::fake_key, answer(k));
    const auto f = w.check(checks::rate_limits);
    // The tier's policy, not enforced on exempt or BYOK accounts: a warning, never a ✗ without a 429.
    BOOST_TEST(state(f) == "warn");
    BOOST_TEST(net::to_string(f.error) == "http_429");
    BOOST_TEST(says(f, "resets at 2026-11-23 00:00 UTC, in 24 h 0 min"), f.summary);
    BOOST_TEST(f.details.back().find("BYOK") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(concurrency_above_the_free_limit_warns_with_the_value_to_use)
{
    world w;
    w.t.model.value = "meta-llama/llama-3.3-70b-instruct:free";
    w.run.config.root = config::node::map({{"num_samples_in_parallel", config::node::integer(50)}});
    w.fetched.preset_key(base, test::fake_key, answer(key_info()));
    const auto f = w.check(checks::rate_limits);
    BOOST_TEST(state(f) == "warn");
    BOOST_TEST(f.remedy.text.find("num_samples_in_parallel=20") != std::string::npos, f.remedy.text);
}

BOOST_AUTO_TEST_CASE(paid_models_have_no_cap)
{
    world w;
    BOOST_TEST(state(w.check(checks::rate_limits)) == "ok");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(model_availability)

BOOST_AUTO_TEST_CASE(unknown_model_suggests_close_ids)
{
    world w;
    w.t.model.value = "openai/gpt-4o-mni";
    w.fetched.preset_models(base, test::fake_key, answer(catalog({model("openai/gpt-4o-mini"), model("openai/gpt-4o")})));
    w.fetched.preset_model(base, "openai/gpt-4o-mni", http_error<openrouter::model>(404, "Resource not found"));
    const auto f = w.check(checks::model_availability);
    BOOST_TEST(state(f) == "fail");
    BOOST_TEST(says(f, "did you mean openai/gpt-4o-mini"), f.summary);
}

BOOST_AUTO_TEST_CASE(expired_and_expiring_models)
{
    world w;
    auto m = model("openai/gpt-4o-mini");
    m.expiration_date = "2026-10-01";
    w.fetched.preset_models(base, test::fake_key, answer(catalog({m, model("openai/gpt-4.1-mini")})));
    auto f = w.check(checks::model_availability);
    BOOST_TEST(state(f) == "fail");
    BOOST_TEST(f.remedy.text.find("openai/gpt-4.1-mini") != std::string::npos, f.remedy.text);

    world soon;
    m.expiration_date = "2026-12-10";
    soon.fetched.preset_models(base, test::fake_key, answer(catalog({m})));
    soon.fetched.preset_user_models(base, test::fake_key, answer(catalog({m})));
    f = soon.check(checks::model_availability);
    BOOST_TEST(state(f) == "warn");
    BOOST_TEST(says(f, "expires on 2026-12-10"));
}

BOOST_AUTO_TEST_CASE(hidden_by_privacy_settings_warns)
{
    world w;
    w.fetched.preset_models(base, test::fake_key, answer(catalog({model("openai/gpt-4o-mini")})));
    w.fetched.preset_user_models(base, test::fake_key, answer(catalog({model("openai/gpt-4o")})));
    const auto f = w.check(checks::model_availability);
    BOOST_TEST(state(f) == "warn");
    BOOST_TEST(says(f, "not in /models/user"));
}

BOOST_AUTO_TEST_CASE(available_model_shows_context_and_price)
{
    world w;
    w.fetched.preset_models(base, test::fake_key, answer(catalog({model("openai/gpt-4o-mini")})));
    w.fetched.preset_user_models(base, test::fake_key, answer(catalog({model("openai/gpt-4o-mini")})));
    const auto f = w.check(checks::model_availability);
    BOOST_TEST(state(f) == "ok");
    BOOST_TEST(says(f, "128,000-token context, $0.15 / $0.60 per million tokens"), f.summary);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(provider_status)

openrouter::endpoint endpoint(std::string provider, std::string tag, std::int64_t status, double uptime)
{
    openrouter::endpoint e;
    e.provider_name = std::move(provider);
    e.tag = std::move(tag);
    e.status = status;
    e.uptime_last_30m = uptime;
    return e;
}

void preset(world& w, std::vector<openrouter::endpoint> endpoints)
{
    openrouter::endpoint_list list;
    list.id = "openai/gpt-4o-mini";
    list.endpoints = std::move(endpoints);
    w.fetched.preset_endpoints(base, "openai/gpt-4o-mini", answer(list));
    w.fetched.preset_models(base, test::fake_key,
                            answer(catalog({model("openai/gpt-4o-mini"), model("openai/gpt-4.1-nano", 1e-7, 4e-7)})));
    openrouter::provider_list providers;
    w.fetched.preset_providers(base, answer(providers));
}

BOOST_AUTO_TEST_CASE(no_endpoint_fails_with_fallbacks)
{
    world w;
    preset(w, {});
    const auto f = w.check(checks::provider_status);
    BOOST_TEST(state(f) == "fail");
    BOOST_TEST(f.remedy.text.find("openai/gpt-4.1-nano") != std::string::npos, f.remedy.text);
}

BOOST_AUTO_TEST_CASE(all_degraded_warns_and_one_healthy_is_ok)
{
    world w;
    preset(w, {endpoint("OpenAI", "openai", -2, 99.9), endpoint("Azure", "azure", 0, 71.4)});
    BOOST_TEST(state(w.check(checks::provider_status)) == "warn");
    world ok;
    preset(ok, {endpoint("OpenAI", "openai", 0, 99.9), endpoint("Azure", "azure", 0, 71.4)});
    const auto f = ok.check(checks::provider_status);
    BOOST_TEST(state(f) == "ok");
    BOOST_TEST(says(f, "1 of 2 providers"));
}

// OpenAI's page reports trouble: the finding names the incident and the API component hit,
// and a replacement is suggested only when another provider serves it.
void openai_outage(world& w, const std::string& summary_json)
{
    preset(w, {endpoint("OpenAI", "openai", 0, 99.9)});
    openrouter::provider_list providers;
    openrouter::provider p;
    p.name = "OpenAI";
    p.slug = "openai";
    p.status_page_url = "https://status.openai.com";
    providers.data.push_back(p);
    w.fetched.preset_providers(base, answer(providers));
    openrouter::status_page_state page;
    page.status.indicator = openrouter::status_indicator::major;
    page.status.description = "Partial System Outage";
    w.fetched.preset_status_page("https://status.openai.com", answer(page));
    const auto summary = openrouter::parse_statuspage_summary(summary_json);
    BOOST_TEST_REQUIRE(summary.ok());
    w.fetched.preset_status_summary("https://status.openai.com", answer(*summary.value));
}

const std::string summary_head =
    R"({"page": {"id": "p", "name": "OpenAI", "url": "https://status.openai.com"},
        "status": {"indicator": "major", "description": "Partial System Outage"}, "components": [)";

BOOST_AUTO_TEST_CASE(a_major_outage_on_the_status_page_warns)
{
    world w;
    openai_outage(w, summary_head + R"({"id": "a", "name": "APIs", "status": "partial_outage"},
        {"id": "c", "name": "ChatGPT", "status": "operational"}],
        "incidents": [{"id": "i", "name": "Elevated errors on the Responses API", "status": "investigating",
                       "impact": "major"}]})");
    openrouter::endpoint_list served_by_openai;
    served_by_openai.id = "openai/gpt-4.1-nano";
    served_by_openai.endpoints = {endpoint("OpenAI", "openai", 0, 99.9)};
    w.fetched.preset_endpoints(base, "openai/gpt-4.1-nano", answer(served_by_openai));
    const auto f = w.check(checks::provider_status);
    BOOST_TEST(state(f) == "warn");
    BOOST_TEST(says(f, "OpenAI reports \"Partial System Outage\" (major)"), f.summary);
    BOOST_TEST(says(f, "Elevated errors on the Responses API"), f.summary);
    BOOST_TEST(says(f, "APIs (partial_outage)"), f.summary);
    // gpt-4.1-nano is served by OpenAI alone: no replacement while OpenAI is down.
    BOOST_TEST(f.remedy.text.find("openai/gpt-4.1-nano") == std::string::npos, f.remedy.text);

    world other;
    openai_outage(other, summary_head + R"({"id": "a", "name": "APIs", "status": "major_outage"}]})");
    openrouter::endpoint_list served_elsewhere;
    served_elsewhere.id = "openai/gpt-4.1-nano";
    served_elsewhere.endpoints = {endpoint("OpenAI", "openai", 0, 99.9), endpoint("Azure", "azure", 0, 99.9)};
    other.fetched.preset_endpoints(base, "openai/gpt-4.1-nano", answer(served_elsewhere));
    const auto g = other.check(checks::provider_status);
    BOOST_TEST(state(g) == "warn");
    BOOST_TEST(g.remedy.text.find("openai/gpt-4.1-nano") != std::string::npos, g.remedy.text);
}

// status.openai.com also covers ChatGPT: an outage there alone leaves the API, and the run, alone.
BOOST_AUTO_TEST_CASE(an_outage_of_another_product_on_the_page_is_not_the_apis)
{
    world w;
    openai_outage(w, summary_head + R"({"id": "a", "name": "APIs", "status": "operational"},
        {"id": "c", "name": "ChatGPT", "status": "major_outage"}]})");
    const auto f = w.check(checks::provider_status);
    BOOST_TEST(state(f) == "ok", f.summary);
    BOOST_TEST(std::any_of(f.details.begin(), f.details.end(),
                           [](const std::string& d) { return d.find("outside the API") != std::string::npos; }));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(answers_are_fetched_once_per_key_and_base)
{
    world w;
    w.fetched.preset_key(base, test::fake_key, answer(key_info()));
    w.check(checks::key_status);
    w.check(checks::credits);
    BOOST_TEST(w.fetched.fetched() == 1u);
}

// A model the catalog still lists but inference reports retired (404, availability
// model_deprecated with fallback_models): the probe names the replacement and sets it.
BOOST_AUTO_TEST_CASE(the_probe_reports_a_deprecated_model_with_its_replacement)
{
    world w;
    w.run.options.live = true;
    auto a = http_error<openrouter::chat_completion>(404, "openai/gpt-4o-mini has been deprecated");
    const auto envelope = openrouter::parse_error_envelope(
        R"({"error": {"code": 404, "message": "openai/gpt-4o-mini has been deprecated", "availability":
            {"code": "model_deprecated", "retryable": false, "requested_models": ["openai/gpt-4o-mini"],
             "fallback_models": ["openai/gpt-4.1-mini"], "docs_url": "https://openrouter.ai/docs/errors#model_deprecated"}}})");
    BOOST_TEST_REQUIRE(envelope.ok());
    a.error.envelope = *envelope.value;
    w.fetched.preset_probe(base, test::fake_key, "openai/gpt-4o-mini", openrouter::inference_api::chat_completions, a);
    const auto f = w.check(checks::inference_probe);
    BOOST_TEST(state(f) == "fail");
    BOOST_TEST(says(f, "deprecated"), f.summary);
    BOOST_TEST(says(f, "openai/gpt-4.1-mini"), f.summary);
    BOOST_TEST_REQUIRE(f.remedy.edits.size() == 1u);
    BOOST_TEST(f.remedy.text.find("openai/gpt-4.1-mini") != std::string::npos, f.remedy.text);
}
