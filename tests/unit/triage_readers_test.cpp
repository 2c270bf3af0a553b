#define BOOST_TEST_MODULE triage_readers
#include <boost/test/unit_test.hpp>

#include "support/nemo_gym_fixtures.hpp"
#include "support/temp_dir.hpp"
#include "triage/line_reader.hpp"
#include "triage/markers.hpp"
#include "triage/redact.hpp"
#include "triage/triage.hpp"

#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

using namespace ngd;
namespace gym = ngd::test::gym;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> lines_of(const fs::path& file, std::size_t cap, std::vector<bool>* cut = nullptr)
{
    const int fd = ::open(file.c_str(), O_RDONLY);
    BOOST_TEST_REQUIRE(fd >= 0);
    triage::line_reader reader(fd, cap);
    std::vector<std::string> out;
    std::string_view line;
    while (reader.next(line)) {
        out.emplace_back(line);
        if (cut) cut->push_back(reader.cut());
    }
    ::close(fd);
    return out;
}

std::string joined(const std::vector<std::string>& lines)
{
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

const report::triage_cause* cause(const report::triage_report& r, std::string_view id)
{
    for (const auto& c : r.causes)
        if (c.finding.check_id == id) return &c;
    return nullptr;
}

/// A HEAD-layout run folder: `planned` inputs, the first `done` of them succeeded.
void write_run(const test::temp_dir& dir, int planned, int done, bool metrics = false)
{
    std::string inputs, outputs;
    for (int i = 0; i < planned; ++i) inputs += gym::materialized_row(i, 0) + "\n";
    for (int i = 0; i < done; ++i) outputs += gym::success_row(i, 0, 1.0) + "\n";
    dir.write("run/out_materialized_inputs.jsonl", inputs);
    dir.write("run/out.jsonl", outputs);
    dir.write("run/out_failures.jsonl", "");
    if (metrics) dir.write("run/out_aggregate_metrics.json", "[]");
}

}  // namespace

BOOST_AUTO_TEST_CASE(lines_end_at_lf_or_crlf_and_a_last_line_needs_no_newline)
{
    test::temp_dir dir;
    const auto file = dir.write("a.log", "one\r\ntwo\n\nthree");
    const auto lines = lines_of(file, 1024);
    BOOST_TEST(lines == (std::vector<std::string>{"one", "two", "", "three"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_line_longer_than_the_cap_is_cut_and_the_next_line_is_whole)
{
    test::temp_dir dir;
    const std::string huge(3 << 20, 'x');  // spans several buffer refills
    const auto file = dir.write("b.log", "start\n" + huge + "\nafter\n");
    std::vector<bool> cut;
    const auto lines = lines_of(file, 1000, &cut);
    BOOST_TEST_REQUIRE(lines.size() == 3u);
    BOOST_TEST(lines[1].size() == 1000u);
    BOOST_TEST(cut[1]);
    BOOST_TEST(!cut[2]);
    BOOST_TEST(lines[2] == "after");
}

BOOST_AUTO_TEST_CASE(lines_across_buffer_refills_come_back_whole)
{
    test::temp_dir dir;
    std::vector<std::string> expected;
    for (int i = 0; i < 200000; ++i) expected.push_back("line " + std::to_string(i) + std::string(i % 37, 'y'));
    const auto lines = lines_of(dir.write("c.log", joined(expected)), 1 << 20);
    BOOST_TEST(lines == expected);
}

BOOST_AUTO_TEST_CASE(redaction_removes_keys_and_invalid_utf8)
{
    const std::string line = gym::request_info_line("policy_model", gym::canary_key);
    BOOST_TEST(triage::holds_key(line));
    const std::string shown = triage::redact(line + " \xff\xfe ok");
    BOOST_TEST(shown.find(gym::canary_key) == std::string::npos);
    BOOST_TEST(shown.find("c0ffee") == std::string::npos);
    BOOST_TEST(shown.find("[REDACTED]") != std::string::npos);
    BOOST_TEST(shown.find("?? ok") != std::string::npos);
    BOOST_TEST(!triage::holds_key("api_key: ${policy_api_key}"));
    BOOST_TEST(triage::holds_key("  api_key: abcdefabcdefabcdef1234"));
    BOOST_TEST(!triage::holds_key("curl -H \"Authorization: Bearer $OPENROUTER_API_KEY\""));
    BOOST_TEST(triage::cut_to_width("ééééé", 3) == "éé…");
}

BOOST_AUTO_TEST_CASE(head_layout_a_run_that_died_has_missing_rollouts_and_no_metrics)
{
    test::temp_dir dir;
    write_run(dir, 10, 4);
    const auto r = triage::run_triage({(dir.path() / "run").string()});
    BOOST_TEST(r.usage_error.empty());
    BOOST_TEST(r.report.rollouts.known);
    BOOST_TEST(r.report.rollouts.planned == 10);
    BOOST_TEST(r.report.rollouts.succeeded == 4);
    BOOST_TEST(r.report.rollouts.failed == 0);
    BOOST_TEST(r.report.rollouts.missing == 6);
    BOOST_TEST(r.report.rollouts.metrics_missing);
    // Nothing in the files says why: the rerun with the bodies printed is the advice.
    const auto* c = cause(r.report, "run.unexplained");
    BOOST_TEST_REQUIRE(c);
    // One failed rollout ended the collection; the 6 that never ran are said in a detail.
    BOOST_TEST(c->count == 1);
    bool stopped = false;
    for (const auto& d : c->finding.details)
        if (d.find("6 planned rollouts never ran") != std::string::npos) stopped = true;
    BOOST_TEST(stopped);
    bool debug_command = false;
    for (const auto& command : c->finding.remedy.commands)
        if (command.find("++global_aiohttp_client_request_debug=True") != std::string::npos) debug_command = true;
    BOOST_TEST(debug_command);
}

BOOST_AUTO_TEST_CASE(the_output_file_alone_brings_its_siblings)
{
    test::temp_dir dir;
    write_run(dir, 3, 3, true);
    const auto r = triage::run_triage({(dir.path() / "run" / "out.jsonl").string()});
    BOOST_TEST(r.report.sources.size() == 4u);
    BOOST_TEST(r.report.rollouts.planned == 3);
    BOOST_TEST(r.report.rollouts.missing == 0);
    BOOST_TEST(!r.report.rollouts.metrics_missing);
    BOOST_TEST(r.report.causes.empty());
}

BOOST_AUTO_TEST_CASE(newer_layout_failed_rows_are_counted_by_class_and_judge_errors_unwrapped)
{
    test::temp_dir dir;
    write_run(dir, 6, 2, true);
    const std::string judge_error = gym::nest(gym::error_body(402, "Insufficient credits. Add more"), 1);
    dir.write("run/out_failures.jsonl", gym::failure_row(2, 0, "judge_failed", judge_error) + "\n" +
                                            gym::failure_row(3, 0, "judge_failed", judge_error) + "\n" +
                                            gym::failure_row(4, 0, "timeout_exceeded") + "\n");
    const auto r = triage::run_triage({(dir.path() / "run").string()});
    BOOST_TEST(r.report.rollouts.failed == 3);
    BOOST_TEST(r.report.rollouts.failed_by_class.at("judge_failed") == 2);
    BOOST_TEST(r.report.rollouts.failed_by_class.at("timeout_exceeded") == 1);
    BOOST_TEST(r.report.rollouts.missing == 1);
    BOOST_TEST_REQUIRE(!r.report.causes.empty());
    BOOST_TEST(r.report.causes.front().finding.check_id == "credits");
    BOOST_TEST(r.report.causes.front().count == 2);
}

BOOST_AUTO_TEST_CASE(a_failures_file_older_than_the_run_is_stale_and_not_counted)
{
    test::temp_dir dir;
    write_run(dir, 4, 4, true);
    const auto failures = dir.write("run/out_failures.jsonl", gym::failure_row(0, 0, "transient") + "\n");
    const auto inputs = dir.path() / "run" / "out_materialized_inputs.jsonl";
    fs::last_write_time(failures, fs::last_write_time(inputs) - std::chrono::hours(5));
    const auto r = triage::run_triage({(dir.path() / "run").string()});
    BOOST_TEST(r.report.rollouts.stale_failures);
    BOOST_TEST(r.report.rollouts.stale_rows == 1);
    BOOST_TEST(r.report.rollouts.failed == 0);
    BOOST_TEST(r.report.rollouts.missing == 0);
}

BOOST_AUTO_TEST_CASE(vllm_context_rows_are_successes_that_count_against_model_context)
{
    test::temp_dir dir;
    write_run(dir, 5, 2, true);
    std::string rows = gym::success_row(0, 0, 1.0) + "\n" + gym::success_row(1, 0, 1.0) + "\n";
    for (int i = 2; i < 5; ++i) rows += gym::vllm_incomplete_row(i, 0) + "\n";
    dir.write("run/out.jsonl", rows);
    const auto r = triage::run_triage({(dir.path() / "run").string()});
    BOOST_TEST(r.report.rollouts.succeeded == 5);
    BOOST_TEST(r.report.rollouts.incomplete == 3);
    BOOST_TEST_REQUIRE(!r.report.causes.empty());
    BOOST_TEST(r.report.causes.front().finding.check_id == "model.context");
    BOOST_TEST(r.report.causes.front().count == 3);
}

// One failure is printed by the model server, the agent (twice) and the collector; it
// costs one rollout, not four.
BOOST_AUTO_TEST_CASE(a_failure_seen_by_every_server_counts_once_per_rollout)
{
    test::temp_dir dir;
    const std::string body = gym::error_body(401, "User not found.");
    std::string policy, agent, collector;
    for (int i = 0; i < 7; ++i) {
        policy += gym::request_info_line("policy_model", gym::canary_key) + "\n";
        policy += gym::response_content_line("policy_model", body) + "\n";
        policy += gym::hit_line("policy_model", "InferenceProvider___policy_model", body) + "\n";
        agent += gym::hit_line("my_agent", "SimpleAgent___my_agent", gym::nest(body, 1)) + "\n";
        agent += gym::hit_line("my_agent", "SimpleAgent___my_agent", gym::nest(body, 2)) + "\n";
        collector += gym::run_failed_line(i, 0) + "\n";
    }
    collector += gym::collector_500_line(12345) + "\n";
    dir.write("logs/policy_model.log", policy);
    dir.write("logs/my_agent.log", agent);
    dir.write("terminal.txt", collector);
    const auto r = triage::run_triage({(dir.path() / "logs").string(), (dir.path() / "terminal.txt").string()});
    BOOST_TEST_REQUIRE(!r.report.causes.empty());
    const auto& top = r.report.causes.front();
    BOOST_TEST(top.finding.check_id == "key.status");
    BOOST_TEST(top.count == 7);
    BOOST_TEST(top.first_seen.ends_with("my_agent.log:1"));
    const auto* secret = cause(r.report, "config.secrets");
    BOOST_TEST_REQUIRE(secret);
    BOOST_TEST(secret->finding.summary.find("policy_model.log:1") != std::string::npos);
    for (const auto& c : r.report.causes) {
        BOOST_TEST(c.evidence.find(gym::canary_key) == std::string::npos);
        BOOST_TEST(c.finding.summary.find(gym::canary_key) == std::string::npos);
    }
    BOOST_TEST(!cause(r.report, "run.unexplained"));
}

BOOST_AUTO_TEST_CASE(retry_storms_are_counted_per_retry_and_500s_per_request)
{
    test::temp_dir dir;
    std::string log;
    for (int i = 1; i <= 40; ++i) log += gym::model_retry_line(429, i, R"({"error":{"message":"Rate limit exceeded","code":429}})") + "\n";
    for (int request = 0; request < 2; ++request)
        for (int attempt = 1; attempt <= 3; ++attempt) log += gym::model_retry_line(500, attempt, "") + "\n";
    log += gym::client_os_error_line("https://openrouter.example/api/v1/chat/completions", 100) + "\n";
    log += gym::client_os_error_line("https://openrouter.example/api/v1/chat/completions", 200) + "\n";
    dir.write("policy_model.log", log);
    const auto r = triage::run_triage({(dir.path() / "policy_model.log").string()});
    BOOST_TEST_REQUIRE(r.report.causes.size() == 3u);
    BOOST_TEST(r.report.causes[0].finding.check_id == "base_url.reach");
    BOOST_TEST(r.report.causes[0].count == 200);
    BOOST_TEST(r.report.causes[1].finding.check_id == "rate_limits");
    BOOST_TEST(r.report.causes[1].count == 40);
    BOOST_TEST(r.report.causes[2].finding.check_id == "provider.status");
    BOOST_TEST(r.report.causes[2].count == 2);
}

BOOST_AUTO_TEST_CASE(startup_messages_have_causes)
{
    test::temp_dir dir;
    const std::string log =
        "Model endpoint https://openrouter.ai.invalid/api/v1 (policy_model) does not resolve. Waiting cannot fix a hostname, so it is not retried.\n"
        "OSError: [Errno 98] error while attempting to bind on address ('127.0.0.1', 11000): address already in use\n"
        "Process `head_server` finished unexpectedly!\n"
        "Could not connect to the head server at http://127.0.0.1:11000. Perhaps you are not running a server or your head server is on a different port?\n"
        "🚨 Caught an exception printed above in policy_model (InferenceProvider). repr(e): KeyError('choices')\n";
    dir.write("t.txt", log);
    const auto r = triage::run_triage({(dir.path() / "t.txt").string()});
    std::vector<std::string> ids;
    for (const auto& c : r.report.causes) ids.push_back(c.finding.check_id + "|" + c.finding.summary);
    BOOST_TEST_REQUIRE(ids.size() == 5u);
    BOOST_TEST(ids[0].starts_with("base_url.reach|"));
    BOOST_TEST(ids[0].find("openrouter.ai.invalid") != std::string::npos);
    BOOST_TEST(ids[1].find("port was already in use") != std::string::npos);
    BOOST_TEST(ids[2].find("head_server") != std::string::npos);
    BOOST_TEST(ids[3].find("http://127.0.0.1:11000") != std::string::npos);
    BOOST_TEST(ids[4].starts_with("inference.probe|"));
}

BOOST_AUTO_TEST_CASE(an_unreadable_path_is_a_usage_error_naming_it)
{
    const auto r = triage::run_triage({"/nonexistent/run-folder"});
    BOOST_TEST(r.usage_error.find("/nonexistent/run-folder") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_marker_is_found_at_every_offset_and_line_end)
{
    // The scan looks at every fourth position only: each marker must still be found whatever
    // its alignment, at the start, in the middle and at the very end of a line.
    const std::pair<std::string_view, std::uint32_t> markers[] = {
        {"Hit an exception in ", triage::m_hit},         {"[model_retry ", triage::m_model_retry},
        {"[request_retry ", triage::m_request_retry},    {"ClientOSError", triage::m_os_error},
        {"ServerDisconnectedError", triage::m_disconnected}, {"Request info:", triage::m_request_info},
        {"Response content:", triage::m_response_content}, {"KeyError('choices')", triage::m_choices},
        {"does not resolve", triage::m_not_resolve},     {"never answered within", triage::m_never_answered},
        {"finished unexpectedly", triage::m_finished},   {"Could not connect to the head server", triage::m_head_server},
        {"address already in use", triage::m_in_use},    {"/run failed", triage::m_run_failed},
        {"ClientResponseError: 500", triage::m_client_response}, {"sk-or-v", triage::m_sk_or},
        {"Bearer ", triage::m_bearer},                   {"api_key", triage::m_api_key},
        {"{\"error\":", triage::m_error_envelope},
    };
    for (const auto& [text, bit] : markers)
        for (std::size_t pad = 0; pad < 7; ++pad) {
            const std::string before(pad, 'x');
            BOOST_TEST((triage::find_markers(before + std::string(text)) & bit) == bit, text << " after " << pad);
            BOOST_TEST((triage::find_markers(before + std::string(text) + " tail") & bit) == bit, text << " after " << pad);
            std::string cut(text.substr(0, text.size() - 1));
            BOOST_TEST((triage::find_markers(before + cut) & bit) == 0u, cut << " is not " << text);
        }
    BOOST_TEST(triage::find_markers("(policy_model) INFO:     127.0.0.1:40002 - \"POST /v1/chat/completions HTTP/1.1\" 200 OK") == 0u);
}
