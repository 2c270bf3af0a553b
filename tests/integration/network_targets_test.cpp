// Several targets in one config (a policy model and a judge on different keys), answers
// fetched once per (base URL, key), and the text report of a failing run.
#define BOOST_TEST_MODULE network_targets
#include <boost/test/unit_test.hpp>

#include "scenario_case.hpp"

using namespace ngd::itest;

namespace {

const std::string policy_key = fake_key(50);
const std::string judge_key = fake_key(51);

// Two openai_model servers, as a NeMo Gym run with an LLM judge defines them.
const std::string two_models_yaml = R"(policy_model:
  responses_api_models:
    openai_model:
      entrypoint: app.py
      openai_base_url: ${policy_base_url}
      openai_api_key: ${policy_api_key}
      openai_model: ${policy_model_name}
judge_model:
  responses_api_models:
    openai_model:
      entrypoint: app.py
      openai_base_url: https://openrouter.ai/api/v1
      openai_api_key: ${judge_api_key}
      openai_model: ${judge_model_name}
)";

const std::vector<std::string> two_models_args{"+config_paths=[configs/two_models.yaml]"};

// openai_model calls {base}/responses; whether OpenRouter counts as a Responses host is a
// judgement of config.adapter, so both answers are accepted there.
verdicts healthy_openai_model() { return with(healthy(), {{"config.adapter", "ok|warn"}}); }

std::string two_model_env(const std::string& judge_model)
{
    return env_yaml(openrouter_base, policy_key, "openai/gpt-4o-mini",
                    "judge_api_key: " + judge_key + "\njudge_model_name: " + judge_model + "\n");
}

}  // namespace

BOOST_AUTO_TEST_CASE(policy_and_judge_on_different_keys)
{
    ngd::test::simulator sim(R"({"keys": {")" + policy_key + R"(": {"limit": 50, "usage": 5},
                                          ")" + judge_key + R"(": {"status": "revoked"}}})");
    ngd::test::temp_dir home;
    write_env(home, two_model_env("anthropic/claude-sonnet-4.5"));
    home.write("configs/two_models.yaml", two_models_yaml);
    const auto run = check_all(sim, home.path(), two_models_args);
    BOOST_TEST_MESSAGE(run);
    BOOST_CHECK_EQUAL(run.raw.exit_code, 1);
    expect_verdicts(run, "policy_model", healthy_openai_model());
    expect_verdicts(run, "judge_model", with(healthy_openai_model(), {{"key.status", "fail/http_401"},
                                                                      {"credits", "skip"},
                                                                      {"rate_limits", "skip"}}));
    // The fix names where the judge's key is written: env.yaml line 4, judge_api_key.
    expect_mention(run, "judge_model", "key.status", "env.yaml:4");
    BOOST_REQUIRE(run.report.is_object());
    const auto& targets = run.report.at("targets").as_array();
    BOOST_REQUIRE_EQUAL(targets.size(), 2u);
    BOOST_CHECK_EQUAL(text_of(targets[0], "name"), "policy_model");
    BOOST_CHECK_EQUAL(text_of(targets[1], "name"), "judge_model");
    BOOST_CHECK_EQUAL(text_of(targets[1], "model"), "anthropic/claude-sonnet-4.5");
    BOOST_CHECK_EQUAL(text_of(targets[1], "key"), judge_key.substr(0, 12) + "..." + judge_key.substr(judge_key.size() - 3));
}

BOOST_AUTO_TEST_CASE(judge_with_an_unknown_model_fails_alone)
{
    ngd::test::simulator sim(R"({"keys": {")" + policy_key + R"(": {"limit": 50}, ")" + judge_key +
                             R"(": {"limit": 50}}})");
    ngd::test::temp_dir home;
    write_env(home, two_model_env("anthropic/claude-3-sonet"));
    home.write("configs/two_models.yaml", two_models_yaml);
    const auto run = check_all(sim, home.path(), two_models_args);
    BOOST_CHECK_EQUAL(run.raw.exit_code, 1);
    expect_verdicts(run, "policy_model", healthy_openai_model());
    expect_verdicts(run, "judge_model", with(healthy_openai_model(), {{"model.availability", "fail/http_404"},
                                                                      {"provider.status", "skip"}}));
    expect_mention(run, "judge_model", "model.availability", "did you mean");
}

// Two targets on the same key and base URL: /key and /models are asked once (spec §2, §3).
BOOST_AUTO_TEST_CASE(shared_key_is_fetched_once)
{
    ngd::test::simulator sim;
    ngd::test::temp_dir home;
    write_env(home, env_yaml(openrouter_base, default_key, "openai/gpt-4o-mini",
                             "judge_api_key: " + default_key + "\njudge_model_name: openai/gpt-4o\n"));
    home.write("configs/two_models.yaml", two_models_yaml);
    const auto run = check_all(sim, home.path(), two_models_args);
    BOOST_CHECK_EQUAL(run.raw.exit_code, 0);
    expect_verdicts(run, "policy_model", healthy_openai_model());
    expect_verdicts(run, "judge_model", healthy_openai_model());
    int key_requests = 0, catalog_requests = 0;
    for (const auto& r : requests_of(sim)) {
        if (r.path == "/api/v1/key") ++key_requests;
        if (r.path == "/api/v1/models") ++catalog_requests;
    }
    BOOST_CHECK_EQUAL(key_requests, 1);
    BOOST_CHECK_EQUAL(catalog_requests, 1);
    // Nothing at all is asked twice with the same credentials.
    std::map<std::string, int> seen;
    for (const auto& r : requests_of(sim)) ++seen[r.method + " " + r.host + r.path + " " + r.auth];
    for (const auto& [request, count] : seen) BOOST_CHECK_MESSAGE(count == 1, request << " asked " << count << " times");
}

// What a user reads: one line per check in table order, the fix and a curl line that
// names the key as $OPENROUTER_API_KEY.
BOOST_AUTO_TEST_CASE(text_report_of_a_failing_run)
{
    const auto key = fake_key(52);
    ngd::test::simulator sim(R"({"keys": {")" + key + R"(": {"status": "revoked"}}})");
    ngd::test::temp_dir home;
    write_env(home, env_yaml(openrouter_base, key, "openai/gpt-4o-mini"));
    std::vector<std::string> args{"check-all", "--no-color"};
    const auto to_sim = simulator_args(sim);
    args.insert(args.end(), to_sim.begin(), to_sim.end());
    const auto r = run_ngdoctor(args, home.path());
    BOOST_TEST_MESSAGE(r.out);
    BOOST_CHECK_EQUAL(r.exit_code, 1);
    const auto& out = r.out;
    const auto failed = out.find("[✗] key.status");
    BOOST_REQUIRE_MESSAGE(failed != std::string::npos, out);
    const auto next_check = out.find("\n[", failed);
    const auto block = out.substr(failed, next_check == std::string::npos ? std::string::npos : next_check - failed);
    BOOST_CHECK(block.find("User not found.") != std::string::npos);
    BOOST_CHECK(block.find("401") != std::string::npos);
    BOOST_CHECK(block.find("fix:") != std::string::npos);
    BOOST_CHECK(block.find("try: curl") != std::string::npos);
    BOOST_CHECK(block.find("https://openrouter.ai/api/v1/key") != std::string::npos);
    BOOST_CHECK(block.find("$OPENROUTER_API_KEY") != std::string::npos);
    // credits and rate_limits follow from key.status: one folded line, and the root cause last.
    BOOST_CHECK(out.find("[-] 2 checks skipped because key.status failed") != std::string::npos);
    BOOST_CHECK(out.find("Fix these first:\n  1. key.status (") != std::string::npos);
    BOOST_CHECK(out.find("20 checks:") != std::string::npos);
    BOOST_CHECK(out.find("1 failed") != std::string::npos);
    BOOST_CHECK(out.find(key) == std::string::npos);
    BOOST_CHECK(r.err.find(key) == std::string::npos);
    // Table order, whatever order the checks finished in.
    std::size_t last = 0;
    for (const auto& id : check_ids) {
        const auto at = out.find("] " + id + " ");
        if (id == "credits" || id == "rate_limits") continue;  // folded into one line
        BOOST_CHECK_MESSAGE(at != std::string::npos && at >= last, id << " out of order");
        if (at != std::string::npos) last = at;
    }
}

// OpenRouter's regional hosts (in-region routing) are OpenRouter: every check runs, and
// every API request goes to the host of the configured base URL.
BOOST_AUTO_TEST_CASE(regional_hosts_are_openrouter_and_asked_for_everything)
{
    for (const std::string host : {"eu.openrouter.ai", "us.openrouter.ai"}) {
        const std::string key = fake_key(host[0] == 'e' ? 60 : 61);
        scenario_case c{.name = "regional host " + host,
                        .scenario = R"({"keys": {"{KEY}": {"limit": 100}}})",
                        .env = env_yaml("https://" + host + "/api/v1", "{KEY}", "openai/gpt-4o-mini"),
                        .args = {"--live"},
                        .expected = with(healthy(), {{"inference.probe", "ok"}}),
                        .exit_code = 0,
                        .mentions = {{"base_url.format", "OpenRouter"}},
                        .never = {{"key.status", "not OpenRouter"}, {"credits", "not OpenRouter"}},
                        .key = key};
        ngd::test::simulator sim(fill(c.scenario, {{"KEY", key}}));
        run_case(c, sim);
        std::size_t api_requests = 0;
        for (const auto& r : requests_of(sim)) {
            if (r.host.starts_with("status.")) continue;  // providers' status pages
            ++api_requests;
            BOOST_CHECK_MESSAGE(r.host == host, host << ": asked " << r);
        }
        BOOST_CHECK_GT(api_requests, 4u);
    }
}
