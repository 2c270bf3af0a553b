#define BOOST_TEST_MODULE report_render
#include <boost/test/unit_test.hpp>

#include "report/json.hpp"
#include "report/status_line.hpp"
#include "report/text.hpp"

#include <boost/json.hpp>

#include <sstream>

using namespace ngd;

namespace {

report::run_report sample()
{
    report::run_report r;
    r.version = "0.1.0";
    r.elapsed = std::chrono::milliseconds(412);
    r.env_file = "env.yaml";
    r.config_paths = {"responses_api_models/openai_model/configs/openai_model.yaml"};
    r.targets.push_back({"policy_model", "https://openrouter.ai/api/v1", "openai/gpt-4o-mini", "sk-or-v1-0e6...c96"});

    doctor::finding ok = doctor::ok("OpenRouter key format looks right (sk-or-v1-0e6...c96)", {"a detail"});
    ok.check_id = "key.format";
    ok.group = "key";
    ok.target = "policy_model";
    ok.docs = "docs/checks/key.format.md";
    ok.elapsed = std::chrono::milliseconds(3);

    doctor::finding bad = doctor::fail("OpenRouter rejected the key: \"User not found.\" (401)", net::error_class::http_401,
                                       {"create a new key at https://openrouter.ai/keys",
                                        {"curl https://openrouter.ai/api/v1/key -H \"Authorization: Bearer $OPENROUTER_API_KEY\""}},
                                       {"why it failed"});
    bad.check_id = "key.status";
    bad.group = "key";
    bad.target = "policy_model";
    bad.docs = "docs/checks/key.status.md";
    bad.elapsed = std::chrono::milliseconds(188);

    doctor::finding skipped = doctor::skip("key.status failed");
    skipped.check_id = "credits";
    skipped.group = "credits";
    skipped.target = "policy_model";

    doctor::finding warned = doctor::warn("only $1.00 left", {"add credits", {}});
    warned.check_id = "rate_limits";
    warned.target = "policy_model";
    r.findings = {ok, bad, skipped, warned};
    return r;
}

std::string text(const report::run_report& r, report::text_style style = {})
{
    std::ostringstream out;
    report::render_text(out, r, style);
    return out.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(text_layout_marks_columns_fix_and_summary)
{
    const std::string out = text(sample());
    BOOST_TEST(out.find("[✓] key.format         policy_model  OpenRouter key format looks right") == 0, out);
    BOOST_TEST(out.find("[✗] key.status         policy_model  OpenRouter rejected the key: \"User not found.\" (401)\n"
                        "      why it failed\n"
                        "      fix: create a new key at https://openrouter.ai/keys\n"
                        "      try: curl https://openrouter.ai/api/v1/key") != std::string::npos,
               out);
    BOOST_TEST(out.find("[-] credits            policy_model  skipped: key.status failed\n") != std::string::npos, out);
    BOOST_TEST(out.find("[!] rate_limits") != std::string::npos, out);
    BOOST_TEST(out.find("4 checks: 1 ok, 1 warning, 1 failed, 1 skipped (0.41 s)\n") != std::string::npos, out);
    BOOST_TEST(out.find("a detail") == std::string::npos);  // ok details only with -v
    BOOST_TEST(out.find('\033') == std::string::npos);       // no colour unless asked
}

BOOST_AUTO_TEST_CASE(verbose_shows_ok_details_and_timings)
{
    const std::string out = text(sample(), {false, true});
    BOOST_TEST(out.find("a detail") != std::string::npos);
    BOOST_TEST(out.find("(188 ms)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(colour_only_when_asked)
{
    const std::string out = text(sample(), {true, false});
    BOOST_TEST(out.find("\033[31m[✗]\033[0m") != std::string::npos);
    BOOST_TEST(out.find("\033[32m[✓]\033[0m") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(crash_counts_in_the_summary)
{
    auto r = sample();
    r.findings[0].state = doctor::status::crash;
    const std::string out = text(r);
    BOOST_TEST(out.find("[‼] key.format") != std::string::npos);
    BOOST_TEST(out.find(", 1 crashed (") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(json_has_every_field_of_the_schema)
{
    std::ostringstream out;
    report::render_json(out, sample());
    const auto v = boost::json::parse(out.str());
    const auto& root = v.as_object();
    BOOST_TEST(root.at("schema").as_string() == "ngdoctor.report/v1");
    BOOST_TEST(root.at("ngdoctor_version").as_string() == "0.1.0");
    BOOST_TEST(root.at("elapsed_ms").as_int64() == 412);
    BOOST_TEST(root.at("config").at("env_file").as_string() == "env.yaml");
    BOOST_TEST(root.at("config").at("config_paths").as_array().size() == 1u);
    const auto& target = root.at("targets").as_array().at(0).as_object();
    BOOST_TEST(target.at("name").as_string() == "policy_model");
    BOOST_TEST(target.at("base_url").as_string() == "https://openrouter.ai/api/v1");
    BOOST_TEST(target.at("model").as_string() == "openai/gpt-4o-mini");
    BOOST_TEST(target.at("key").as_string() == "sk-or-v1-0e6...c96");
    const auto& summary = root.at("summary").as_object();
    BOOST_TEST(summary.at("ok").as_int64() == 1);
    BOOST_TEST(summary.at("warn").as_int64() == 1);
    BOOST_TEST(summary.at("fail").as_int64() == 1);
    BOOST_TEST(summary.at("skip").as_int64() == 1);
    BOOST_TEST(summary.at("crash").as_int64() == 0);
    const auto& check = root.at("checks").as_array().at(1).as_object();
    BOOST_TEST(check.at("id").as_string() == "key.status");
    BOOST_TEST(check.at("group").as_string() == "key");
    BOOST_TEST(check.at("target").as_string() == "policy_model");
    BOOST_TEST(check.at("status").as_string() == "fail");
    BOOST_TEST(check.at("summary").as_string() == "OpenRouter rejected the key: \"User not found.\" (401)");
    BOOST_TEST(check.at("details").as_array().size() == 1u);
    BOOST_TEST(check.at("error_class").as_string() == "http_401");
    BOOST_TEST(check.at("fix").at("text").as_string() == "create a new key at https://openrouter.ai/keys");
    BOOST_TEST(check.at("fix").at("commands").as_array().size() == 1u);
    BOOST_TEST(check.at("docs").as_string() == "docs/checks/key.status.md");
    BOOST_TEST(check.at("elapsed_ms").as_int64() == 188);
}

BOOST_AUTO_TEST_CASE(json_without_env_file_says_null)
{
    auto r = sample();
    r.env_file.reset();
    std::ostringstream out;
    report::render_json(out, r);
    BOOST_TEST(boost::json::parse(out.str()).at("config").at("env_file").is_null());
}

BOOST_AUTO_TEST_CASE(status_line_names_running_checks_then_hosts)
{
    std::ostringstream out;
    report::status_line line(out, sample().targets, false);
    doctor::run_progress p;
    p.total = 14;
    p.done = 11;
    p.pending = {"key.status (policy_model)", "credits (policy_model)", "rate_limits (policy_model)"};
    p.elapsed = std::chrono::milliseconds(800);
    BOOST_TEST(line.text(p) == "running 3 of 14 checks: key.status (policy_model), ...");
    p.elapsed = std::chrono::milliseconds(5200);
    BOOST_TEST(line.text(p) == "running 3 of 14 checks, waiting on openrouter.ai");
    line.update(p);
    line.clear();
    BOOST_TEST(out.str().ends_with("\r\033[K"));
}
