// "Read-only" (spec §6): no command writes, renames or deletes a file of the user's, and
// nothing that costs money (a completion or a response) is asked for without --live;
// with --live, exactly one.
#define BOOST_TEST_MODULE promises_readonly
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

#include "run_report.hpp"
#include "user_tree.hpp"

using namespace ngd::itest;
namespace data = boost::unit_test::data;

namespace {

const std::string policy_yaml = R"(policy_model:
  responses_api_models:
    openai_model:
      entrypoint: app.py
      openai_base_url: ${policy_base_url}
      openai_api_key: ${policy_api_key}
      openai_model: ${policy_model_name}
      openai_default_headers: {}
)";

// A user's working copy: env.yaml, configs, data, a notes file, a nested folder.
void fill_user_tree(const ngd::test::temp_dir& home)
{
    write_env(home, env_yaml(openrouter_base, default_key, "openai/gpt-4o-mini"));
    home.write("configs/policy.yaml", policy_yaml);
    home.write("data/example.jsonl", "{\"responses_create_params\": {\"input\": \"hi\"}}\n");
    home.write("notes.md", "# run notes\n");
    std::filesystem::create_directories(home.path() / "user_home");
}

struct command {
    const char* name;
    std::vector<std::string> args;
    bool to_simulator;
};
std::ostream& operator<<(std::ostream& out, const command& c) { return out << c.name; }

const command commands[] = {
    {"check-all", {"check-all"}, true},
    {"check-all --json -v with config", {"check-all", "--json", "-v", "+config_paths=[configs/policy.yaml]"}, true},
    {"check-all --live", {"check-all", "--live"}, true},
    {"check-all --offline", {"check-all", "--offline"}, true},
    {"check key model", {"check", "key", "model"}, true},
    {"dump-config", {"dump-config", "+config_paths=[configs/policy.yaml]"}, false},
    {"dump-config --show-origin --format json",
     {"dump-config", "--show-origin", "--format", "json", "+config_paths=[configs/policy.yaml]"}, false},
    {"list-checks", {"list-checks"}, false},
    {"explain key.status", {"explain", "key.status"}, false},
};

}  // namespace

BOOST_DATA_TEST_CASE(user_tree_is_left_as_it_was, data::make(commands), c)
{
    ngd::test::simulator sim;
    ngd::test::temp_dir home;
    fill_user_tree(home);
    const auto before = tree_snapshot::of(home.path());
    auto args = c.args;
    if (c.to_simulator) {
        const auto to_sim = simulator_args(sim);
        args.insert(args.end(), to_sim.begin(), to_sim.end());
    }
    const auto r = run_ngdoctor(args, home.path(), {{"HOME", (home.path() / "user_home").string()}});
    BOOST_CHECK(!r.timed_out);
    BOOST_CHECK_MESSAGE(r.exit_code == 0, c.name << ": exit " << r.exit_code << "\n" << r.out << r.err);
    const auto changes = tree_snapshot::of(home.path()).changes_since(before);
    for (const auto& change : changes) BOOST_ERROR(c.name << " " << change);
    BOOST_CHECK(!std::filesystem::exists(home.path() / "outputs"));
}

BOOST_AUTO_TEST_CASE(nothing_paid_without_live)
{
    ngd::test::simulator sim;
    ngd::test::temp_dir home;
    fill_user_tree(home);
    const auto all = check_all(sim, home.path(), {"+config_paths=[configs/policy.yaml]"});
    BOOST_CHECK_EQUAL(all.raw.exit_code, 0);
    // Naming the probe without --live does not run it either.
    std::vector<std::string> args{"check", "inference.probe", "--json"};
    const auto to_sim = simulator_args(sim);
    args.insert(args.end(), to_sim.begin(), to_sim.end());
    const auto named = run_ngdoctor(args, home.path());
    BOOST_TEST_MESSAGE(named.out);
    boost::system::error_code error;
    const auto report = json::parse(named.out, error);
    BOOST_REQUIRE(!error);
    const auto* probe = row_of(report, "inference.probe", "policy");
    BOOST_REQUIRE(probe);
    BOOST_CHECK_EQUAL(text_of(*probe, "status"), "skip");

    const auto log = requests_of(sim);
    BOOST_CHECK(!log.empty());
    for (const auto& r : inference_requests(log)) BOOST_ERROR("asked for inference without --live: " << r);
    for (const auto& r : log) BOOST_CHECK_MESSAGE(r.method == "GET", "not a read: " << r);
}

BOOST_AUTO_TEST_CASE(live_sends_exactly_one_completion)
{
    ngd::test::simulator sim;
    ngd::test::temp_dir home;
    fill_user_tree(home);
    const auto run = check_all(sim, home.path(), {"--live"});
    BOOST_CHECK_EQUAL(run.raw.exit_code, 0);
    const auto* probe = row_of(run.report, "inference.probe", "policy");
    BOOST_REQUIRE_MESSAGE(probe, run);
    BOOST_CHECK_EQUAL(verdict_of(*probe), "ok/none");
    const auto paid = inference_requests(requests_of(sim));
    BOOST_REQUIRE_EQUAL(paid.size(), 1u);
    BOOST_CHECK_EQUAL(paid.front().method, "POST");
    BOOST_CHECK_EQUAL(paid.front().path, "/api/v1/chat/completions");
    BOOST_CHECK_EQUAL(paid.front().host, "openrouter.ai");
    int posts = 0;
    for (const auto& r : requests_of(sim)) posts += r.method == "POST";
    BOOST_CHECK_EQUAL(posts, 1);
}

// A failing probe is not retried: one paid request, whatever the answer.
BOOST_AUTO_TEST_CASE(live_failure_is_not_retried)
{
    ngd::test::simulator sim(R"({"catalog": {"update": {"openai/gpt-4o-mini": {"inference": "unavailable"}}}})");
    ngd::test::temp_dir home;
    fill_user_tree(home);
    const auto run = check_all(sim, home.path(), {"--live"});
    BOOST_CHECK_EQUAL(run.raw.exit_code, 1);
    BOOST_CHECK_EQUAL(inference_requests(requests_of(sim)).size(), 1u);
}
