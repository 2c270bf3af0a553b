// "Bounded" (spec §6): every network operation has a timeout and the whole run a
// deadline, so a slow or silent server cannot hold a run. The tests assert that the run
// ends and says why, never how long it took: the process limit below is only a safety
// net, far above the deadlines given.
#define BOOST_TEST_MODULE promises_bounded
#include <boost/test/unit_test.hpp>

#include "run_report.hpp"

using namespace ngd::itest;

namespace {

void expect_timeouts(const doctor_run& run)
{
    BOOST_REQUIRE_MESSAGE(!run.raw.timed_out, "the run did not end");
    BOOST_REQUIRE_MESSAGE(run.report.is_object(), run);
    BOOST_CHECK_EQUAL(run.raw.exit_code, 1);
    int timeouts = 0;
    for (const auto& c : run.report.at("checks").as_array()) {
        const auto verdict = text_of(c, "status") + "/" + text_of(c, "error_class");
        if (verdict == "fail/timeout") ++timeouts;
        // Nothing slow is blamed on the key, the model or the credits.
        BOOST_CHECK_MESSAGE(text_of(c, "error_class") != "http_401" && text_of(c, "error_class") != "http_402" &&
                                text_of(c, "error_class") != "http_404",
                            text_of(c, "id") << ": " << verdict);
    }
    BOOST_CHECK_GT(timeouts, 0);
    const auto* reach = row_of(run.report, "base_url.reach", "policy");
    BOOST_REQUIRE(reach);
    BOOST_CHECK_EQUAL(verdict_of(*reach), "fail/timeout");
}

}  // namespace

// Every answer drips one byte every 2 s: each read times out after 1 s.
BOOST_AUTO_TEST_CASE(slow_server_with_timeout_and_deadline_ends)
{
    ngd::test::simulator sim(R"({"faults": [{"kind": "slow_drip", "interval_ms": 2000}]})");
    ngd::test::temp_dir home;
    write_env(home, env_yaml(openrouter_base, default_key, "openai/gpt-4o-mini"));
    expect_timeouts(check_all(sim, home.path(), {"--timeout", "1", "--deadline", "3", "--live"}));
}

// A server that accepts and never answers, with a per-operation timeout far beyond the
// run's deadline: the deadline alone ends the run, and what was pending fails as timeout.
BOOST_AUTO_TEST_CASE(silent_server_is_ended_by_the_deadline)
{
    ngd::test::simulator sim(R"({"latency_ms": 3600000})");
    ngd::test::temp_dir home;
    write_env(home, env_yaml(openrouter_base, default_key, "openai/gpt-4o-mini"));
    // Were the deadline ignored, the run would wait 600 s and the 90 s safety net would kill it.
    const auto run = check_all(sim, home.path(), {"--timeout", "600", "--deadline", "2"});
    expect_timeouts(run);
    for (const auto& id : {"key.status", "model.availability", "provider.status"}) {
        const auto* row = row_of(run.report, id, "policy");
        BOOST_REQUIRE(row);
        // Pending at the deadline: a timeout; or waiting on base_url.reach, which timed out.
        BOOST_CHECK_MESSAGE(verdict_of(*row) == "fail/timeout" || verdict_of(*row) == "skip/none",
                            id << ": " << verdict_of(*row));
    }
}

// The default --timeout and --deadline hold too (no option given): only the safety net
// of the test would notice a hang.
BOOST_AUTO_TEST_CASE(defaults_are_bounded)
{
    ngd::test::simulator sim(R"({"latency_ms": 3600000})");
    ngd::test::temp_dir home;
    write_env(home, env_yaml(openrouter_base, default_key, "openai/gpt-4o-mini"));
    expect_timeouts(check_all(sim, home.path(), {}));
}

// A server may answer with a message of megabytes: the report quotes a bounded part of it
// and says how much it left out, in the text report and the JSON alike.
BOOST_AUTO_TEST_CASE(a_huge_server_message_is_quoted_in_part)
{
    const std::size_t huge = 15u * 1024 * 1024;
    const std::string message = "Your key was revoked. " + std::string(huge, 'x');
    boost::json::object fault{{"host", "openrouter.ai"}, {"path", "/api/v1/key"}, {"kind", "status"}, {"status", 401},
                              {"body", {{"error", {{"message", message}, {"code", 401}}}}}};
    boost::json::object scenario{{"faults", boost::json::array{fault}}};
    ngd::test::simulator sim(boost::json::serialize(scenario));
    ngd::test::temp_dir home;
    write_env(home, env_yaml(openrouter_base, default_key, "openai/gpt-4o-mini"));
    const auto run = check_all(sim, home.path(), {});
    BOOST_REQUIRE_MESSAGE(run.report.is_object(), run.raw.err);
    BOOST_TEST(run.raw.out.size() < 256u * 1024, "the JSON report is " << run.raw.out.size() << " bytes");
    const auto* row = row_of(run.report, "key.status", "policy");
    BOOST_REQUIRE(row);
    BOOST_TEST(verdict_of(*row) == "fail/http_401");
    BOOST_TEST(all_text(*row).find("Your key was revoked.") != std::string::npos, all_text(*row).substr(0, 300));
    BOOST_TEST(all_text(*row).find("more bytes not shown") != std::string::npos);

    std::vector<std::string> args{"check", "key.status"};
    const auto to_sim = simulator_args(sim);
    args.insert(args.end(), to_sim.begin(), to_sim.end());
    const auto text = run_ngdoctor(args, home.path());
    BOOST_TEST(text.exit_code == 1);
    BOOST_TEST(text.out.size() < 64u * 1024, "the text report is " << text.out.size() << " bytes");
    BOOST_TEST(text.out.find("more bytes not shown") != std::string::npos);
}
