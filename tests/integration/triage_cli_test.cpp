#define BOOST_TEST_MODULE triage_cli
// `ngdoctor triage` as a user runs it: the real binary over run folders, logs and
// transcripts written the way NeMo Gym writes them (support/nemo_gym_fixtures, nemo_gym_run).
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

#include "support/nemo_gym_fixtures.hpp"
#include "support/nemo_gym_run.hpp"
#include "support/process.hpp"
#include "support/simulator.hpp"
#include "support/temp_dir.hpp"

#include <boost/json.hpp>

#include <fcntl.h>
#include <functional>
#include <limits>
#include <set>
#include <sstream>
#include <filesystem>
#include <unistd.h>

using namespace ngd;
namespace gym = ngd::test::gym;
namespace bdata = boost::unit_test::data;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace ngd::test::gym {
std::ostream& operator<<(std::ostream& out, layout l) { return out << (l == layout::head ? "head" : "newer"); }
}  // namespace ngd::test::gym

namespace {

struct triage_run {
    test::run_result raw;
    json::value report;  ///< null unless --json
};

std::ostream& operator<<(std::ostream& out, const triage_run& r)
{
    return out << "exit " << r.raw.exit_code << "\n--- stdout ---\n" << r.raw.out << "\n--- stderr ---\n" << r.raw.err;
}

triage_run triage(std::vector<std::string> args, const fs::path& cwd, std::string input = {},
                  std::map<std::string, std::optional<std::string>> env = {})
{
    args.insert(args.begin(), "triage");
    env.emplace("NO_COLOR", std::nullopt);
    env.emplace("COLUMNS", "100");
    triage_run r{test::run(test::staged_binary("ngdoctor"), args, {cwd, env, std::move(input), std::chrono::seconds(120)}),
                 nullptr};
    if (std::find(args.begin(), args.end(), "--json") != args.end()) {
        json::error_code ec;
        r.report = json::parse(r.raw.out, ec);
        BOOST_TEST_INFO(r);
        BOOST_TEST(!ec, "the JSON report parses: " << ec.message());
    }
    return r;
}

/// The canary, and any long piece of it, appears nowhere in what ngdoctor printed.
void expect_no_key(const triage_run& r)
{
    const std::string secret = gym::canary_key.substr(9);  // the 64 hex digits
    for (const std::string* stream : {&r.raw.out, &r.raw.err})
        for (std::size_t at = 0; at + 16 <= secret.size(); at += 8)
            BOOST_TEST(stream->find(secret.substr(at, 16)) == std::string::npos, "a piece of the key leaked:\n" << r);
}

const json::object* cause_in(const json::value& report, std::string_view id)
{
    for (const auto& c : report.at("causes").as_array())
        if (c.at("id").as_string() == id) return &c.as_object();
    return nullptr;
}

std::string top_id(const json::value& report)
{
    const auto& causes = report.at("causes").as_array();
    return causes.empty() ? "none" : std::string(causes[0].at("id").as_string());
}

std::int64_t top_count(const json::value& report)
{
    const auto& causes = report.at("causes").as_array();
    return causes.empty() ? -1 : causes[0].at("count").to_number<std::int64_t>();
}

std::int64_t rollouts(const json::value& report, std::string_view field)
{
    return report.at("rollouts").at(field).to_number<std::int64_t>();
}

bool mentions(const triage_run& r, std::string_view text) { return r.raw.out.find(text) != std::string::npos; }

struct cause_case {
    std::string name, body, check_id;
};
std::ostream& operator<<(std::ostream& out, const cause_case& c) { return out << c.name; }

// Every row of the spec's §3 table, with the older wordings (and the reference bodies of
// nested_bodies.txt through gym::reference_cases).
std::vector<cause_case> cause_cases()
{
    std::vector<cause_case> out;
    for (const auto& r : gym::reference_cases()) out.push_back({r.name, r.body, r.check_id});
    out.push_back({"401_older", gym::error_body(401, "No auth credentials found"), "key.status"});
    out.push_back({"402_insufficient", gym::error_body(402, "Insufficient credits. Add more using https://openrouter.ai/credits"), "credits"});
    out.push_back({"402_key_cap", gym::error_body(402, "Prompt tokens limit exceeded: 5000 > 4000"), "credits"});
    out.push_back({"429_free", gym::error_body(429, "Rate limit exceeded: free-models-per-day. "), "rate_limits"});
    out.push_back({"400_prefixed_model", gym::error_body(400, "openai/gpt-5-turbo is not a valid model ID"), "model.availability"});
    out.push_back({"404_no_endpoints", gym::error_body(404, "No endpoints found for openai/gpt-4o."), "model.availability"});
    out.push_back({"404_retired", gym::retired_model_body("meta-llama/llama-3-8b:free", "free_variant_ended", "meta-llama/llama-3-8b"), "model.availability"});
    out.push_back({"502_provider", gym::provider_error_body(502, "DeepInfra", "upstream connect error"), "provider.status"});
    out.push_back({"503_provider", gym::provider_error_body(503, "Together", "overloaded"), "provider.status"});
    return out;
}

const gym::layout layouts[] = {gym::layout::head, gym::layout::newer};

gym::failed_run run_of(const std::string& body, gym::layout kind, int depth)
{
    gym::failed_run run;
    run.body = body;
    run.depth = depth;
    run.kind = kind;
    run.key = gym::canary_key;
    run.succeeded = 3;
    run.failed = 2;
    run.planned = kind == gym::layout::head ? 10 : 5;
    return run;
}

}  // namespace

BOOST_DATA_TEST_CASE(every_cause_in_both_layouts_at_depths_1_to_4_is_the_top_cause_counted_per_rollout,
                     bdata::make(cause_cases()) * bdata::make(layouts) * bdata::xrange(1, 5), c, kind, depth)
{
    test::temp_dir dir;
    gym::write_failed_run(dir, run_of(c.body, kind, depth));
    const auto r = triage({"--json", "run", "logs", "terminal.txt"}, dir.path());
    BOOST_TEST_INFO(r);
    BOOST_TEST(r.raw.exit_code == 1);
    BOOST_TEST_REQUIRE(r.report.is_object());
    BOOST_TEST(r.report.at("schema").as_string() == "ngdoctor.triage/v1");
    BOOST_TEST(top_id(r.report) == c.check_id);
    BOOST_TEST(top_count(r.report) == 2);
    const bool head = kind == gym::layout::head;
    BOOST_TEST(rollouts(r.report, "planned") == (head ? 10 : 5));
    BOOST_TEST(rollouts(r.report, "succeeded") == 3);
    BOOST_TEST(rollouts(r.report, "failed") == (head ? 0 : 2));
    BOOST_TEST(rollouts(r.report, "missing") == (head ? 7 : 0));
    // The Request info lines hold the key: named as a config.secrets finding, never reprinted.
    const auto* secrets = cause_in(r.report, "config.secrets");
    BOOST_TEST_REQUIRE(secrets != nullptr);
    BOOST_TEST(std::string(secrets->at("summary").as_string()).find("policy_model.log:1") != std::string::npos);
    BOOST_TEST(std::string(secrets->at("fix").at("text").as_string()).find("global_aiohttp_client_request_debug") !=
               std::string::npos);
    expect_no_key(r);

    const auto text = triage({"run", "logs", "terminal.txt"}, dir.path());
    BOOST_TEST_INFO(text);
    BOOST_TEST(text.raw.out.starts_with("[✗] " + c.check_id + "  2 × "));
    BOOST_TEST(mentions(text, "fix: "));
    BOOST_TEST(mentions(text, "run: " + std::to_string(head ? 10 : 5) + " planned, 3 succeeded"));
    expect_no_key(text);
}

BOOST_AUTO_TEST_CASE(the_json_report_has_exactly_the_schema_fields)
{
    test::temp_dir dir;
    gym::write_failed_run(dir, run_of(gym::error_body(401, "User not found."), gym::layout::head, 3));
    const auto r = triage({"--json", "run", "logs"}, dir.path());
    BOOST_TEST_REQUIRE(r.report.is_object());
    std::set<std::string> keys;
    for (const auto& kv : r.report.as_object()) keys.emplace(kv.key());
    BOOST_TEST((keys == std::set<std::string>{"schema", "ngdoctor_version", "sources", "rollouts", "causes"}));
    for (const auto& s : r.report.at("sources").as_array()) {
        BOOST_TEST(s.as_object().size() == 3u);
        BOOST_TEST(s.at("path").is_string());
        BOOST_TEST(s.at("kind").is_string());
        BOOST_TEST(s.at("lines").is_number());
    }
    std::set<std::string> shape;
    for (const auto& kv : r.report.at("rollouts").as_object()) shape.emplace(kv.key());
    BOOST_TEST((shape == std::set<std::string>{"planned", "succeeded", "failed", "missing", "known", "failed_by_class",
                                               "incomplete", "empty_outputs", "metrics_missing", "stale_failures",
                                               "stale_rows"}));
    std::int64_t last = std::numeric_limits<std::int64_t>::max();
    for (const auto& c : r.report.at("causes").as_array()) {
        std::set<std::string> fields;
        for (const auto& kv : c.as_object()) fields.emplace(kv.key());
        BOOST_TEST((fields == std::set<std::string>{"id", "status", "count", "first_seen", "summary", "evidence", "fix",
                                                    "details"}));
        BOOST_TEST(c.at("details").is_array());
        BOOST_TEST(c.at("fix").at("text").is_string());
        BOOST_TEST(c.at("fix").at("commands").is_array());
        const auto count = c.at("count").to_number<std::int64_t>();
        BOOST_TEST(count <= last, "causes are sorted by count, most first");
        last = count;
    }
}

BOOST_AUTO_TEST_CASE(causes_are_ranked_by_the_rollouts_they_cost)
{
    test::temp_dir dir;
    std::string log;
    log += gym::hit_line("policy_model", "InferenceProvider___policy_model", gym::error_body(401, "User not found.")) + "\n";
    for (int i = 0; i < 3; ++i)
        log += gym::hit_line("policy_model", "InferenceProvider___policy_model",
                             gym::error_body(402, "Insufficient credits. Add more using https://openrouter.ai/credits")) +
               "\n";
    dir.write("policy_model.log", log);
    const auto r = triage({"--json", "policy_model.log"}, dir.path());
    BOOST_TEST_INFO(r);
    BOOST_TEST_REQUIRE(r.report.at("causes").as_array().size() >= 2u);
    BOOST_TEST(top_id(r.report) == "credits");
    BOOST_TEST(top_count(r.report) == 3);
    BOOST_TEST(r.report.at("causes").as_array()[1].at("id").as_string() == "key.status");
    BOOST_TEST(cause_in(r.report, "key.status")->at("first_seen").as_string() == "policy_model.log:1");
    BOOST_TEST(cause_in(r.report, "credits")->at("first_seen").as_string() == "policy_model.log:2");
}

struct sign_case {
    std::string name, log, check_id;
    std::int64_t count;
};
std::ostream& operator<<(std::ostream& out, const sign_case& c) { return out << c.name; }

std::string repeated(const std::function<std::string(int)>& line, int n)
{
    std::string out;
    for (int i = 1; i <= n; ++i) out += line(i) + "\n";
    return out;
}

// Retry storms, network loops, a 200 with an error body and the startup messages (§2).
std::vector<sign_case> sign_cases()
{
    const std::string url = "https://openrouter.ai/api/v1/chat/completions";
    return {
        {"429_retried_forever",
         repeated([](int i) { return gym::model_retry_line(429, i, gym::error_body(429, "Rate limit exceeded: free-models-per-min.")); }, 7),
         "rate_limits", 7},
        {"503_retried_forever",
         repeated([](int i) { return gym::model_retry_line(503, i, gym::provider_error_body(503, "Together", "overloaded")); }, 5),
         "provider.status", 5},
        {"500_three_tries_then_empty_body",
         repeated([](int i) { return gym::model_retry_line(500, (i - 1) % 3 + 1, "Internal Server Error"); }, 6) +
             "(policy_model) Response content: b''\n",
         "provider.status", 2},
        {"client_os_error_loop",
         repeated([&](int i) { return gym::client_os_error_line("https://openrouter.example/api/v1/chat/completions", 100 * i); }, 3),
         "base_url.reach", 300},
        {"server_disconnected_loop", repeated([&](int i) { return gym::server_disconnected_line(url, 100 * i); }, 4),
         "base_url.reach", 400},
        {"choices_missing", repeated([](int) { return gym::choices_missing_line("policy_model"); }, 2), "inference.probe", 2},
        {"endpoint_unresolvable", gym::endpoint_unresolvable_line("https://openrouter.example/api/v1", "policy_model") + "\n",
         "base_url.reach", 1},
        {"endpoint_never_answered", gym::endpoints_never_answered_lines("http://127.0.0.1:8000/v1", "policy_model", 60) + "\n",
         "base_url.reach", 1},
        {"process_finished", gym::process_finished_line("my_resources_server") + "\n", "run.startup", 1},
        {"head_server_unreachable", gym::head_server_unreachable_line("127.0.0.1:11000") + "\n", "run.startup", 1},
        {"address_in_use", gym::address_in_use_line(11000) + "\n" + gym::process_finished_line("head_server") + "\n",
         "run.startup", 1},
    };
}

BOOST_DATA_TEST_CASE(retry_storms_network_loops_and_startup_messages_have_their_cause, bdata::make(sign_cases()), c)
{
    test::temp_dir dir;
    dir.write("nemo_gym_logs/policy_model.log", c.log);
    const auto r = triage({"--json", "nemo_gym_logs"}, dir.path());
    BOOST_TEST_INFO(r);
    BOOST_TEST(r.raw.exit_code == 1);
    BOOST_TEST(top_id(r.report) == c.check_id);
    BOOST_TEST(top_count(r.report) == c.count);
    BOOST_TEST(r.report.at("sources").as_array()[0].at("kind").as_string() == "log");
}

BOOST_AUTO_TEST_CASE(vllm_context_rows_judge_failures_and_empty_outputs_come_from_the_rows)
{
    test::temp_dir dir;
    std::string inputs, rows, failures;
    for (int i = 0; i < 6; ++i) inputs += gym::materialized_row(i, 0) + "\n";
    rows += gym::success_row(0, 0, 1.0) + "\n";
    for (int i = 1; i < 4; ++i) rows += gym::vllm_incomplete_row(i, 0) + "\n";
    failures += gym::failure_row(4, 0, "judge_failed", "judge timed out after 3 attempts") + "\n";
    failures += gym::failure_row(5, 0, "judge_failed", "judge timed out after 3 attempts") + "\n";
    dir.write("run/out_materialized_inputs.jsonl", inputs);
    dir.write("run/out.jsonl", rows);
    dir.write("run/out_failures.jsonl", failures);
    dir.write("run/out_aggregate_metrics.json", "[]");
    const auto r = triage({"--json", "run/out.jsonl"}, dir.path());  // the output file brings its siblings
    BOOST_TEST_INFO(r);
    BOOST_TEST(top_id(r.report) == "model.context");
    BOOST_TEST(top_count(r.report) == 3);
    const auto* judge = cause_in(r.report, "run.judge");
    BOOST_TEST_REQUIRE(judge != nullptr);
    BOOST_TEST(judge->at("count").to_number<std::int64_t>() == 2);
    BOOST_TEST(rollouts(r.report, "planned") == 6);
    BOOST_TEST(rollouts(r.report, "succeeded") == 4);
    BOOST_TEST(rollouts(r.report, "failed") == 2);
    BOOST_TEST(rollouts(r.report, "missing") == 0);
    const auto text = triage({"run"}, dir.path());
    BOOST_TEST(mentions(text, "failed (judge_failed 2)"));
    BOOST_TEST(mentions(text, "3 incomplete (context length)"));
}

BOOST_AUTO_TEST_CASE(a_failures_file_older_than_the_run_is_called_stale_and_not_counted)
{
    test::temp_dir dir;
    auto run = run_of(gym::error_body(401, "User not found."), gym::layout::newer, 3);
    run.debug_logging = false;
    gym::write_failed_run(dir, run);
    fs::last_write_time(dir.path() / "run/out_failures.jsonl",
                        fs::last_write_time(dir.path() / "run/out_materialized_inputs.jsonl") - std::chrono::hours(24));
    const auto r = triage({"--json", "run"}, dir.path());
    BOOST_TEST_INFO(r);
    BOOST_TEST(rollouts(r.report, "failed") == 0);
    const auto text = triage({"run"}, dir.path());
    BOOST_TEST(mentions(text, "_failures.jsonl is older than the run"));
}

BOOST_AUTO_TEST_CASE(when_nothing_explains_it_the_rerun_command_prints_the_bodies)
{
    test::temp_dir dir;
    auto run = run_of(gym::error_body(401, "User not found."), gym::layout::head, 3);
    run.debug_logging = false;  // NeMo Gym's default: no upstream body anywhere
    gym::write_failed_run(dir, run);
    dir.write("outputs/2026-08-22/10-00-00/.hydra/overrides.yaml",
              "- +config_paths=[resources_servers/example/configs/example.yaml]\n- policy_api_key=" + gym::canary_key + "\n");
    const auto r = triage({"--json", "."}, dir.path());
    BOOST_TEST_INFO(r);
    BOOST_TEST(r.raw.exit_code == 1);
    BOOST_TEST(top_id(r.report) == "run.unexplained");
    const auto* c = cause_in(r.report, "run.unexplained");
    BOOST_TEST_REQUIRE(c != nullptr);
    bool rerun = false;
    for (const auto& command : c->at("fix").at("commands").as_array()) {
        const std::string s(command.as_string());
        if (s.find("++global_aiohttp_client_request_debug=True") != std::string::npos &&
            s.find("resources_servers/example/configs/example.yaml") != std::string::npos)
            rerun = true;
    }
    BOOST_TEST(rerun, "the rerun command keeps the run's own overrides");
    expect_no_key(r);
    const auto text = triage({"."}, dir.path());
    BOOST_TEST(mentions(text, "++global_aiohttp_client_request_debug=True"));
    BOOST_TEST(mentions(text, "the logs hold no upstream error"));
    expect_no_key(text);
}

BOOST_AUTO_TEST_CASE(a_finished_healthy_run_has_no_cause_and_exits_0)
{
    test::temp_dir dir;
    std::string inputs, rows;
    for (int i = 0; i < 4; ++i) {
        inputs += gym::materialized_row(i, 0) + "\n";
        rows += gym::success_row(i, 0, 1.0) + "\n";
    }
    dir.write("run/out_materialized_inputs.jsonl", inputs);
    dir.write("run/out.jsonl", rows);
    dir.write("run/out_failures.jsonl", "");
    dir.write("run/out_aggregate_metrics.json", "[]");
    const auto r = triage({"run"}, dir.path());
    BOOST_TEST_INFO(r);
    BOOST_TEST(r.raw.exit_code == 0);
    BOOST_TEST(mentions(r, "No cause found"));
    BOOST_TEST(mentions(r, "run: 4 planned, 4 succeeded, 0 failed, 0 missing"));
}

BOOST_AUTO_TEST_CASE(crlf_lines_and_a_truncated_last_line_give_the_same_causes)
{
    test::temp_dir dir;
    auto run = run_of(gym::error_body(402, "Insufficient credits. Add more using https://openrouter.ai/credits"),
                      gym::layout::head, 2);
    run.newline = "\r\n";
    gym::write_failed_run(dir, run);
    // The process was killed while it wrote: the last line stops half way, without a newline.
    const std::string cut = gym::hit_line("my_agent", "SimpleAgent___my_agent", gym::nest(run.body, 1));
    {
        const int fd = ::open((dir.path() / "logs/my_agent.log").c_str(), O_WRONLY | O_APPEND);
        BOOST_TEST_REQUIRE(fd >= 0);
        BOOST_TEST(::write(fd, cut.data(), cut.size() / 2) > 0);
        ::close(fd);
    }
    const auto r = triage({"--json", "run", "logs", "terminal.txt"}, dir.path());
    BOOST_TEST_INFO(r);
    BOOST_TEST(top_id(r.report) == "credits");
    BOOST_TEST(top_count(r.report) >= 2);
    BOOST_TEST(rollouts(r.report, "planned") == 10);
    BOOST_TEST(rollouts(r.report, "missing") == 7);
    BOOST_TEST(r.raw.out.find("\\r") == std::string::npos, "no carriage return is kept in the evidence");
    expect_no_key(r);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_in_a_log_still_gives_valid_text_and_json)
{
    test::temp_dir dir;
    const std::string body = gym::error_body(401, "User not found.");
    std::string log = "(policy_model) \xff\xfe garbage \xc3 before\n";
    log += "(policy_model) Hit an exception in InferenceProvider___policy_model calling an inner server: b'" +
           std::string("{\"error\":{\"message\":\"User not found. \xff\",\"code\":401}}") + "'\n";
    dir.write("policy_model.log", log);
    const auto r = triage({"--json", "policy_model.log"}, dir.path());  // parses: checked in triage()
    BOOST_TEST_INFO(r);
    BOOST_TEST(top_id(r.report) == "key.status");
    const auto text = triage({"policy_model.log"}, dir.path());
    BOOST_TEST(text.raw.out.find('\xff') == std::string::npos);
    BOOST_TEST(text.raw.out.find('\xfe') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_2_gb_sparse_log_is_streamed_to_the_cause_at_its_end)
{
    test::temp_dir dir;
    const fs::path log = dir.path() / "policy_model.log";
    const std::string line =
        gym::hit_line("policy_model", "InferenceProvider___policy_model", gym::error_body(401, "User not found.")) + "\n";
    const int fd = ::open(log.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
    BOOST_TEST_REQUIRE(fd >= 0);
    BOOST_TEST_REQUIRE(::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()));
    const off_t two_gb = off_t(2) << 30;
    BOOST_TEST_REQUIRE(::ftruncate(fd, two_gb) == 0);  // a hole: 2 GB of NUL bytes, no newline
    BOOST_TEST_REQUIRE(::lseek(fd, 0, SEEK_END) == two_gb);
    const std::string last = "\n" + line;
    BOOST_TEST_REQUIRE(::write(fd, last.data(), last.size()) == static_cast<ssize_t>(last.size()));
    ::close(fd);

    const auto r = triage({"--json", "policy_model.log"}, dir.path());
    BOOST_TEST_INFO(r);
    BOOST_TEST(r.raw.exit_code == 1);
    BOOST_TEST(top_id(r.report) == "key.status");
    BOOST_TEST(top_count(r.report) == 2, "the line after the hole is read too");
    BOOST_TEST(r.report.at("sources").as_array()[0].at("lines").to_number<std::int64_t>() == 3);
}

// A key in a pasted config (not a debug Request info line) is named without blaming the flag.
BOOST_AUTO_TEST_CASE(a_key_in_a_pasted_config_is_named_without_the_debug_flag)
{
    test::temp_dir dir;
    const auto r = triage({"--json", "-"}, dir.path(), "policy_api_key: " + gym::canary_key + "\n");
    BOOST_TEST_INFO(r);
    const auto* secrets = cause_in(r.report, "config.secrets");
    BOOST_TEST_REQUIRE(secrets != nullptr);
    const std::string fix(secrets->at("fix").at("text").as_string());
    BOOST_TEST(fix.find("rotate the key") != std::string::npos, fix);
    BOOST_TEST(fix.find("Request info") == std::string::npos, fix);
    expect_no_key(r);
}

BOOST_AUTO_TEST_CASE(a_pasted_traceback_on_standard_input)
{
    test::temp_dir dir;
    const std::string pasted = gym::request_info_line("policy_model", gym::canary_key) + "\n" +
                               gym::hit_line("my_agent", "SimpleAgent___my_agent",
                                             gym::nest(gym::reference_cases()[0].body, 2)) +
                               "\n" + gym::collector_500_line(9123) + "\n";
    const auto r = triage({"--json", "-"}, dir.path(), pasted);
    BOOST_TEST_INFO(r);
    BOOST_TEST(r.raw.exit_code == 1);
    BOOST_TEST(top_id(r.report) == "key.status");
    BOOST_TEST(r.report.at("sources").as_array()[0].at("kind").as_string() == "stdin");
    BOOST_TEST(cause_in(r.report, "config.secrets") != nullptr);
    expect_no_key(r);
    const auto verbose = triage({"-v", "-"}, dir.path(), pasted);
    BOOST_TEST(mentions(verbose, "stdin  -"));
    expect_no_key(verbose);
}

BOOST_AUTO_TEST_CASE(a_key_in_a_config_dump_or_capture_is_named_by_file_and_line_never_printed)
{
    test::temp_dir dir;
    dir.write("run/env.yaml", "policy_base_url: https://openrouter.ai/api/v1\npolicy_api_key: " + gym::canary_key + "\n");
    dir.write("run/r1.capture.jsonl",
              "{\"status_code\": 401, \"error_category\": \"auth\", \"request\": {\"headers\": {\"Authorization\": \"Bearer " +
                  gym::canary_key + "\"}}}\n");
    for (const char* format : {"--json", "-v"}) {
        const auto r = triage({format, "run"}, dir.path());
        BOOST_TEST_INFO(r);
        BOOST_TEST(r.raw.exit_code == 1);
        BOOST_TEST(mentions(r, "env.yaml:2"));
        BOOST_TEST(mentions(r, "r1.capture.jsonl:1"));
        BOOST_TEST(mentions(r, "key.status"));
        expect_no_key(r);
    }
}

BOOST_AUTO_TEST_CASE(the_evidence_line_is_cut_to_the_terminal_width)
{
    test::temp_dir dir;
    gym::write_failed_run(dir, run_of(gym::reference_cases()[5].body, gym::layout::head, 2));
    const auto r = triage({"logs"}, dir.path(), {}, {{"COLUMNS", "60"}});
    BOOST_TEST_INFO(r);
    bool seen = false;
    std::istringstream lines(r.raw.out);
    for (std::string line; std::getline(lines, line);) {
        if (line.find("evidence: ") == std::string::npos) continue;
        seen = true;
        std::size_t chars = 0;
        for (const char ch : line) chars += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
        BOOST_TEST(chars <= 60u, line);
    }
    BOOST_TEST(seen);
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2_and_name_the_path)
{
    test::temp_dir dir;
    const auto missing = triage({"no-such-run"}, dir.path());
    BOOST_TEST(missing.raw.exit_code == 2);
    BOOST_TEST(missing.raw.err.find("no-such-run") != std::string::npos);
    BOOST_TEST(triage({}, dir.path()).raw.exit_code == 2);
    BOOST_TEST(triage({"--jsno", "."}, dir.path()).raw.exit_code == 2);
    const auto help = triage({"--help"}, dir.path());
    BOOST_TEST(help.raw.exit_code == 0);
    BOOST_TEST(mentions(help, "ngdoctor triage [--json] [-v]"));
}

// ---- --check: is the cause still there now? -------------------------------------------

namespace {

/// A run that failed on a rejected key, with the env.yaml it used holding `key_now`.
void write_key_failure(const test::temp_dir& dir, const std::string& key_now)
{
    gym::write_failed_run(dir, run_of(gym::error_body(401, "User not found."), gym::layout::head, 3));
    dir.write("run/env.yaml", "policy_base_url: https://openrouter.ai/api/v1\npolicy_api_key: " + key_now +
                                  "\npolicy_model_name: openai/gpt-4o\n");
}

std::vector<std::string> to_simulator(const test::simulator& sim)
{
    std::vector<std::string> args{"--cacert", sim.ca_file().string()};
    const auto connect = sim.connect_to_args();
    args.insert(args.end(), connect.begin(), connect.end());
    return args;
}

/// The status of check `id` in the "check" report embedded by --check --json.
std::string status_now(const json::value& report, std::string_view id)
{
    if (!report.at("check").is_object()) return "no check report";
    for (const auto& c : report.at("check").at("checks").as_array())
        if (c.at("id").as_string() == id) return std::string(c.at("status").as_string());
    return "absent";
}

// The simulator's default world knows this key (a documentation example, not a real key).
const std::string key_the_simulator_knows = "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";

}  // namespace

BOOST_AUTO_TEST_CASE(check_runs_the_owning_check_against_the_runs_own_env_yaml)
{
    test::simulator sim;
    for (const auto& [key_now, expected] : {std::pair{gym::canary_key, "fail"}, std::pair{key_the_simulator_knows, "ok"}}) {
        test::temp_dir dir;
        write_key_failure(dir, key_now);
        std::vector<std::string> args{"--json", "--check", "run", "logs"};
        const auto sim_args = to_simulator(sim);
        args.insert(args.end(), sim_args.begin(), sim_args.end());
        const auto r = triage(args, dir.path());
        BOOST_TEST_INFO(r);
        BOOST_TEST(r.raw.exit_code == 1);
        BOOST_TEST(top_id(r.report) == "key.status");
        BOOST_TEST(status_now(r.report, "key.status") == expected);
        expect_no_key(r);

        args.erase(args.begin());  // the text report
        const auto text = triage(args, dir.path());
        BOOST_TEST_INFO(text);
        BOOST_TEST(mentions(text, "now, with the run's config: ngdoctor check key.status config.secrets"));
        expect_no_key(text);
    }
}

BOOST_AUTO_TEST_CASE(check_says_when_no_pre_run_check_owns_the_causes)
{
    test::temp_dir dir;
    dir.write("terminal.txt", gym::process_finished_line("head_server") + "\n");
    const auto r = triage({"--check", "terminal.txt"}, dir.path());
    BOOST_TEST_INFO(r);
    BOOST_TEST(mentions(r, "now: no pre-run check owns these causes"));
    const auto j = triage({"--json", "--check", "terminal.txt"}, dir.path());
    BOOST_TEST(j.report.at("check").is_null());
}

BOOST_AUTO_TEST_CASE(a_retry_storm_says_where_it_started_and_where_it_was_last_seen)
{
    test::temp_dir dir;
    dir.write("policy_model.log",
              "(policy_model) INFO:     startup complete\n" +
                  repeated([](int i) { return gym::model_retry_line(429, i, gym::error_body(429, "Rate limit exceeded: free-models-per-min.")); }, 7));
    const auto r = triage({"policy_model.log"}, dir.path());
    BOOST_TEST_INFO(r);
    BOOST_TEST(r.raw.out.starts_with("[✗] rate_limits  7 × "));
    BOOST_TEST(mentions(r, "first seen: policy_model.log:2"));
    BOOST_TEST(mentions(r, "last seen: policy_model.log:8"));
}
