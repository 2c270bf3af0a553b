// `ngdoctor triage --generations`: the generation ids a run's rows mention, looked up on the
// simulator (GET /api/v1/generation) with the run's key; errors said as what they are, the
// key never printed, and nothing asked without the option.
#define BOOST_TEST_MODULE triage_generations
#include <boost/test/unit_test.hpp>

#include "net/client.hpp"
#include "support/nemo_gym_fixtures.hpp"
#include "support/nemo_gym_run.hpp"
#include "support/process.hpp"
#include "support/simulator.hpp"
#include "support/temp_dir.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>

using namespace ngd;
namespace gym = ngd::test::gym;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

// The simulator's default world knows this key (a documentation example, not a real key).
const std::string key_the_simulator_knows = "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";

struct triage_run {
    test::run_result raw;
    json::value report;  ///< null unless --json
};

std::ostream& operator<<(std::ostream& out, const triage_run& r)
{
    return out << "exit " << r.raw.exit_code << "\n--- stdout ---\n" << r.raw.out << "\n--- stderr ---\n" << r.raw.err;
}

/// `ngdoctor triage ARGS` in `cwd`, against the simulator, with OPENROUTER_API_KEY as given (unset by default).
triage_run triage(const test::simulator& sim, std::vector<std::string> args, const fs::path& cwd,
                  std::optional<std::string> env_key = std::nullopt)
{
    args.insert(args.begin(), "triage");
    args.insert(args.end(), {"--cacert", sim.ca_file().string()});
    const auto connect = sim.connect_to_args();
    args.insert(args.end(), connect.begin(), connect.end());
    std::map<std::string, std::optional<std::string>> env{
        {"NO_COLOR", std::nullopt}, {"COLUMNS", "160"}, {"OPENROUTER_API_KEY", env_key}};
    triage_run r{test::run(test::staged_binary("ngdoctor"), args, {cwd, env, {}, std::chrono::seconds(120)}), nullptr};
    if (std::find(args.begin(), args.end(), "--json") != args.end()) {
        json::error_code ec;
        r.report = json::parse(r.raw.out, ec);
        BOOST_TEST(!ec, "the JSON report parses: " << ec.message() << "\n" << r);
    }
    return r;
}

/// Runs `n` chat completions on the simulator with `key` and returns their generation ids.
std::vector<std::string> completions(const test::simulator& sim, const std::string& key, int n)
{
    boost::asio::io_context io;
    net::client http(io.get_executor(), {});
    std::vector<std::string> ids;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
            for (int i = 0; i < n; ++i) {
                net::request req;
                req.method = "POST";
                req.url = sim.plain_base_url() + "/chat/completions";
                req.bearer = key;
                req.headers.emplace_back("Content-Type", "application/json");
                req.body = R"({"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"What is 6 x 7?"}]})";
                const auto out = co_await http.fetch(req);
                if (out.ok() && out.resp->status == 200)
                    ids.push_back(json::parse(out.resp->body).at("id").as_string().c_str());
            }
        },
        boost::asio::detached);
    io.run();
    BOOST_TEST_REQUIRE(ids.size() == static_cast<std::size_t>(n), "the simulator ran every completion");
    return ids;
}

/// A run that failed on a 429 after rows whose response ids are `ids`; its env.yaml holds `key`.
void write_run(const test::temp_dir& dir, const std::vector<std::string>& ids, const std::string& key)
{
    gym::failed_run run;
    run.body = gym::error_body(429, "Rate limit exceeded: free-models-per-day");
    run.succeeded = static_cast<int>(ids.size());
    run.planned = run.succeeded + 4;
    run.failed = 1;
    run.key = gym::canary_key;  // in clear on the Request info lines, as NeMo Gym prints it
    run.response_ids = ids;
    gym::write_failed_run(dir, run);
    if (!key.empty())
        dir.write("run/env.yaml", "policy_base_url: https://openrouter.ai/api/v1\npolicy_api_key: " + key +
                                      "\npolicy_model_name: openai/gpt-4o-mini\n");
}

std::vector<std::string> generation_requests(const test::simulator& sim)
{
    std::vector<std::string> asked;
    for (const auto& line : sim.log_lines())
        if (line.find("\"path\":\"/api/v1/generation\"") != std::string::npos) asked.push_back(line);
    return asked;
}

void expect_no_key(const triage_run& r, const std::string& key)
{
    const std::string secret = key.substr(9);
    for (const std::string* stream : {&r.raw.out, &r.raw.err})
        for (std::size_t at = 0; at + 16 <= secret.size(); at += 8)
            BOOST_TEST(stream->find(secret.substr(at, 16)) == std::string::npos, "a piece of the key leaked:\n" << r);
}

const json::object& entry(const json::value& report, std::size_t i)
{
    return report.at("generations").as_array().at(i).as_object();
}

/// An id no simulator ran, for tests that never reach one.
std::string id_for_usage_test() { return "gen-1764780000-Zq8LwR2mXc4TnB7yKp1V"; }

bool mentions(const triage_run& r, std::string_view text) { return r.raw.out.find(text) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(the_runs_generations_are_looked_up_with_the_key_of_its_env_yaml)
{
    test::simulator sim;
    const auto ids = completions(sim, key_the_simulator_knows, 2);
    test::temp_dir dir;
    // An id this account never ran: right after a run, a 404 may also mean "not indexed yet".
    const std::string unknown = "gen-1700000000-AAAAAAAAAAAAAAAAAAAA";
    write_run(dir, {ids[0], ids[1], unknown}, key_the_simulator_knows);

    const auto r = triage(sim, {"--json", "--generations", "run", "logs", "terminal.txt"}, dir.path());
    BOOST_TEST_INFO(r);
    BOOST_TEST(r.raw.exit_code == 1);  // the 429 is still the cause
    BOOST_TEST(r.report.at("causes").as_array().at(0).at("id").as_string() == "rate_limits");
    BOOST_TEST_REQUIRE(r.report.at("generations").as_array().size() == 3u);
    for (std::size_t i = 0; i < 2; ++i) {
        const auto& g = entry(r.report, i);
        BOOST_TEST(g.at("id").as_string() == ids[i]);
        BOOST_TEST(g.at("outcome").as_string() == "found");
        BOOST_TEST(g.at("http_status").as_int64() == 200);
        BOOST_TEST(g.at("model").as_string() == "openai/gpt-4o-mini");
        BOOST_TEST(!g.at("provider").as_string().empty());
        BOOST_TEST(g.at("finish_reason").as_string() == "stop");
        BOOST_TEST(g.at("total_cost").to_number<double>() > 0);
        BOOST_TEST(g.at("tokens").at("prompt").as_int64() > 0);
        BOOST_TEST(g.at("latency_ms").to_number<double>() > 0);
    }
    const auto& missing = entry(r.report, 2);
    BOOST_TEST(missing.at("outcome").as_string() == "not_found");
    BOOST_TEST(missing.at("http_status").as_int64() == 404);
    BOOST_TEST(std::string(missing.at("error").as_string()).find("not indexed yet") != std::string::npos);
    BOOST_TEST(r.report.at("generation_mentions").as_int64() == 3);
    expect_no_key(r, gym::canary_key);
    expect_no_key(r, key_the_simulator_knows);
    BOOST_TEST(generation_requests(sim).size() == 3u);

    const auto text = triage(sim, {"--generations", "run", "logs", "terminal.txt"}, dir.path());
    BOOST_TEST_INFO(text);
    BOOST_TEST(mentions(text, "\ngenerations: 3 looked up of 3 mentions in the files\n"));
    BOOST_TEST(mentions(text, "  " + ids[0] + "\n"));
    BOOST_TEST(mentions(text, std::string(entry(r.report, 0).at("provider").as_string()) + " / openai/gpt-4o-mini, finish stop"));
    BOOST_TEST(mentions(text, "cost $"));
    BOOST_TEST(mentions(text, "not found (HTTP 404"));
    // After the causes, before the run's shape.
    BOOST_TEST(text.raw.out.find("generations:") > text.raw.out.find("rate_limits"));
    BOOST_TEST(text.raw.out.find("generations:") < text.raw.out.find("\nrun: "));
    expect_no_key(text, gym::canary_key);
    expect_no_key(text, key_the_simulator_knows);

    // `ngdoctor report` prints a saved triage as triage printed it, generations and all.
    dir.write("triage.json", r.raw.out);
    const auto again = test::run(test::staged_binary("ngdoctor"), {"report", "triage.json"},
                                 {dir.path(), {{"NO_COLOR", std::nullopt}, {"COLUMNS", "160"}}, {}, std::chrono::seconds(60)});
    BOOST_TEST(again.out.find("\ngenerations: 3 looked up of 3 mentions in the files\n") != std::string::npos, again.out);
    BOOST_TEST(again.out.find("cost $") != std::string::npos, again.out);
}

BOOST_AUTO_TEST_CASE(at_most_five_are_asked_the_first_and_the_last_seen)
{
    test::simulator sim;
    const auto ids = completions(sim, key_the_simulator_knows, 8);
    test::temp_dir dir;
    write_run(dir, ids, key_the_simulator_knows);
    const auto r = triage(sim, {"--json", "--generations", "run"}, dir.path());
    BOOST_TEST_INFO(r);
    const auto& looked = r.report.at("generations").as_array();
    BOOST_TEST_REQUIRE(looked.size() == 5u);
    const std::vector<std::string> expected{ids[0], ids[1], ids[2], ids[6], ids[7]};
    for (std::size_t i = 0; i < 5; ++i) {
        BOOST_TEST(looked[i].at("id").as_string() == expected[i]);
        BOOST_TEST(looked[i].at("outcome").as_string() == "found");
    }
    BOOST_TEST(r.report.at("generation_mentions").as_int64() == 8);
    BOOST_TEST(generation_requests(sim).size() == 5u);
}

BOOST_AUTO_TEST_CASE(a_refused_key_is_said_as_such_and_never_printed)
{
    test::simulator sim;
    const auto ids = completions(sim, key_the_simulator_knows, 1);
    test::temp_dir dir;
    write_run(dir, ids, gym::canary_key);  // a key the simulator does not know
    const auto r = triage(sim, {"--json", "--generations", "run", "logs"}, dir.path());
    BOOST_TEST_INFO(r);
    BOOST_TEST_REQUIRE(r.report.at("generations").as_array().size() == 1u);
    BOOST_TEST(entry(r.report, 0).at("outcome").as_string() == "unauthorized");
    BOOST_TEST(entry(r.report, 0).at("http_status").as_int64() == 401);
    expect_no_key(r, gym::canary_key);
    const auto text = triage(sim, {"--generations", "-v", "run", "logs"}, dir.path());
    BOOST_TEST(mentions(text, "the key was refused (HTTP 401"), text);
    BOOST_TEST(mentions(text, "the key of policy_api_key; check it with `ngdoctor check key.status`"), text);
    expect_no_key(text, gym::canary_key);
}

BOOST_AUTO_TEST_CASE(openrouter_api_key_in_the_environment_comes_first)
{
    test::simulator sim;
    const auto ids = completions(sim, key_the_simulator_knows, 1);
    test::temp_dir dir;
    write_run(dir, ids, gym::canary_key);
    const auto r = triage(sim, {"--json", "--generations", "run"}, dir.path(), key_the_simulator_knows);
    BOOST_TEST_INFO(r);
    BOOST_TEST_REQUIRE(r.report.at("generations").as_array().size() == 1u);
    BOOST_TEST(entry(r.report, 0).at("outcome").as_string() == "found");
    expect_no_key(r, key_the_simulator_knows);
}

BOOST_AUTO_TEST_CASE(without_a_key_a_note_says_so_and_nothing_is_asked)
{
    test::simulator sim;
    const auto ids = completions(sim, key_the_simulator_knows, 2);
    test::temp_dir dir;
    write_run(dir, ids, "");  // no env.yaml anywhere
    const auto r = triage(sim, {"--json", "--generations", "run"}, dir.path());
    BOOST_TEST_INFO(r);
    BOOST_TEST(r.raw.exit_code == 1);
    BOOST_TEST(r.report.at("generations").as_array().empty());
    BOOST_TEST(std::string(r.report.at("generations_note").as_string()).find("no key to ask with") != std::string::npos);
    const auto text = triage(sim, {"--generations", "run"}, dir.path());
    BOOST_TEST(mentions(text, "not looked up: no key to ask with"), text);
    BOOST_TEST(generation_requests(sim).empty());
}

BOOST_AUTO_TEST_CASE(without_the_option_no_request_is_made_and_the_report_is_as_before)
{
    test::simulator sim;
    const auto ids = completions(sim, key_the_simulator_knows, 2);
    test::temp_dir dir;
    write_run(dir, ids, key_the_simulator_knows);
    const auto r = triage(sim, {"--json", "run", "logs"}, dir.path(), key_the_simulator_knows);
    BOOST_TEST_INFO(r);
    BOOST_TEST(!r.report.as_object().contains("generations"));
    const auto text = triage(sim, {"run", "logs"}, dir.path(), key_the_simulator_knows);
    BOOST_TEST(!mentions(text, "generations:"), text);
    BOOST_TEST(sim.log_lines().size() == 2u, "only the two completions reached the simulator");
    BOOST_TEST(generation_requests(sim).empty());
}

BOOST_AUTO_TEST_CASE(files_without_generation_ids_say_there_is_nothing_to_look_up)
{
    test::simulator sim;
    test::temp_dir dir;
    write_run(dir, {}, key_the_simulator_knows);
    const auto r = triage(sim, {"--generations", "run"}, dir.path());
    BOOST_TEST(mentions(r, "no OpenRouter generation id (gen-...) in the files read"), r);
    BOOST_TEST(generation_requests(sim).empty());
}

BOOST_AUTO_TEST_CASE(no_answer_is_said_as_a_transport_failure)
{
    test::simulator sim;
    const auto ids = completions(sim, key_the_simulator_knows, 1);
    test::temp_dir dir;
    write_run(dir, ids, key_the_simulator_knows);
    BOOST_TEST_REQUIRE(sim.stop() == 0);  // its port now refuses connections
    const auto r = triage(sim, {"--json", "--generations", "--timeout", "5", "run"}, dir.path());
    BOOST_TEST_INFO(r);
    BOOST_TEST_REQUIRE(r.report.at("generations").as_array().size() == 1u);
    const auto& g = entry(r.report, 0);
    BOOST_TEST(g.at("outcome").as_string() == "error");
    BOOST_TEST(g.at("http_status").as_int64() == 0);
    BOOST_TEST(std::string(g.at("error").as_string()).starts_with("no answer (connect)"), g.at("error"));
    expect_no_key(r, key_the_simulator_knows);
}

BOOST_AUTO_TEST_CASE(a_wrong_network_option_is_a_usage_error)
{
    test::temp_dir dir;
    write_run(dir, {id_for_usage_test()}, key_the_simulator_knows);
    for (const std::vector<std::string>& wrong : {std::vector<std::string>{"--connect-to", "openrouter.ai"},
                                                  std::vector<std::string>{"--cacert", "no-such-ca.pem"},
                                                  std::vector<std::string>{"--timeout", "soon"}}) {
        std::vector<std::string> args{"triage", "--generations", "run"};
        args.insert(args.end(), wrong.begin(), wrong.end());
        const auto r = test::run(test::staged_binary("ngdoctor"), args, {dir.path(), {}, {}, std::chrono::seconds(60)});
        BOOST_TEST(r.exit_code == 2, wrong[0] << ": " << r.err);
        BOOST_TEST(r.err.find("ngdoctor triage: " + wrong[0]) != std::string::npos, r.err);
    }
}
