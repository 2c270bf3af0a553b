// A saved report read back is the report that was written: every field json.cpp writes,
// under the same name; a newer schema is read as far as it is understood; a broken file
// is a failure naming its place.
#define BOOST_TEST_MODULE report_json_read
#include <boost/test/unit_test.hpp>

#include "report/diff.hpp"
#include "report/json.hpp"
#include "report/json_read.hpp"
#include "report/text.hpp"
#include "report/triage_json.hpp"
#include "report/triage_text.hpp"

#include <boost/json.hpp>

#include <sstream>

using namespace ngd;

namespace {

report::run_report sample()
{
    report::run_report r;
    r.version = "0.1.0";
    r.elapsed = std::chrono::milliseconds(412);
    r.created_at = "2026-01-31T12:00:00Z";
    r.command = {"ngdoctor", "check-all", "--offline"};
    r.options["offline"] = true;
    r.platform = report::platform_view{"Linux", "6.1.0", "/etc/ssl/certs/ca-certificates.crt", "http://proxy:3128",
                                       "ngdoctor 0.1.0"};
    r.exit_code = 1;
    r.env_file = "/home/u/env.yaml";
    r.config_paths = {"a.yaml", "b.yaml"};
    r.targets = {{"policy", "https://openrouter.ai/v1", "gpt-4o", "sk-or-v1-aaa...aaa"}};
    doctor::finding f = doctor::fail("the path /v1 is not OpenRouter's API path /api/v1", net::error_class::config,
                                     {"set policy_base_url to https://openrouter.ai/api/v1", {"curl https://x"}},
                                     {"a detail", "another"});
    f.check_id = "base_url.format";
    f.group = "base_url";
    f.target = "policy";
    f.docs = "docs/checks/base_url.format.md";
    f.elapsed = std::chrono::milliseconds(3);
    f.remedy.edits.push_back({"/home/u/env.yaml", 1, "policy_base_url", "https://openrouter.ai/api/v1", false});
    doctor::finding s = doctor::skip("skipped: base_url.format failed");
    s.check_id = "base_url.reach";
    s.group = "base_url";
    s.target = "policy";
    s.caused_by = "base_url.format";
    doctor::finding w = doctor::warn("slow", {"wait", {}});
    w.check_id = "provider.status";
    w.target = "policy";
    w.error = net::error_class::http_5xx;
    r.findings = {f, s, w};
    return r;
}

std::string json_of(const report::run_report& r)
{
    std::ostringstream out;
    report::render_json(out, r);
    return out.str();
}

report::saved_report read(const std::string& text)
{
    report::read_failure failure;
    auto saved = report::read_report(text, failure);
    BOOST_REQUIRE_MESSAGE(saved.has_value(), failure.where << ": " << failure.what);
    return *saved;
}

report::read_failure failure_of(const std::string& text)
{
    report::read_failure failure;
    BOOST_TEST(!report::read_report(text, failure).has_value(), text);
    return failure;
}

std::string text_of(const report::run_report& r, report::text_style style = {})
{
    std::ostringstream out;
    report::render_text(out, r, style);
    return out.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_report_read_back_writes_the_same_json_and_the_same_text)
{
    const auto original = sample();
    const auto saved = read(json_of(original));
    BOOST_TEST(saved.notes.empty());
    // Written again, it is the same JSON, field for field.
    BOOST_TEST(boost::json::parse(json_of(saved.report)) == boost::json::parse(json_of(original)));
    const auto& f = saved.report.findings.at(0);
    BOOST_TEST(f.remedy.edits.at(0).line == 1);
    BOOST_TEST(f.elapsed.count() == 3);
    BOOST_TEST(saved.report.findings.at(1).caused_by == "base_url.format");
    BOOST_TEST((saved.report.findings.at(2).error == net::error_class::http_5xx));
    for (const bool quiet : {false, true})
        for (const auto group : {report::grouping::by_check, report::grouping::by_target})
            BOOST_TEST(text_of(saved.report, {false, true, quiet, group, 80}) ==
                       text_of(original, {false, true, quiet, group, 80}));
}

BOOST_AUTO_TEST_CASE(a_report_from_before_the_added_fields_is_still_read)
{
    const auto saved = read(R"({"schema": "ngdoctor.report/v1", "checks": [
        {"id": "key.status", "status": "fail", "summary": "rejected", "fix": {"text": "new key", "commands": []}}]})");
    BOOST_REQUIRE_EQUAL(saved.report.findings.size(), 1u);
    BOOST_TEST(saved.report.findings[0].remedy.text == "new key");
    BOOST_TEST(saved.report.created_at.empty());
    BOOST_TEST(!saved.report.exit_code.has_value());
    BOOST_TEST(!saved.report.platform.has_value());
}

BOOST_AUTO_TEST_CASE(a_newer_schema_is_read_as_far_as_understood_with_a_note)
{
    const auto saved = read(R"({"schema": "ngdoctor.report/v2", "ngdoctor_version": "0.9.0", "future": {"x": 1},
        "checks": [{"id": "key.status", "status": "ok", "summary": "fine", "error_class": "http_999", "new": [1]},
                   {"id": "credits", "status": "maybe", "summary": "?"}]})");
    BOOST_REQUIRE_EQUAL(saved.report.findings.size(), 1u);
    BOOST_TEST(saved.report.findings[0].check_id == "key.status");
    BOOST_REQUIRE_EQUAL(saved.notes.size(), 2u);
    BOOST_TEST(saved.notes[0].find("ngdoctor.report/v2") != std::string::npos, saved.notes[0]);
    BOOST_TEST(saved.notes[0].find("0.9.0") != std::string::npos, saved.notes[0]);
    BOOST_TEST(saved.notes[1].find("checks[1].status") != std::string::npos, saved.notes[1]);
    BOOST_TEST(saved.notes[1].find("credits") != std::string::npos, saved.notes[1]);
}

BOOST_AUTO_TEST_CASE(a_broken_file_names_the_place)
{
    auto f = failure_of("{\n  \"schema\": \"ngdoctor.report/v1\",\n  \"checks\": [,]\n}");
    BOOST_TEST(f.where == "line 3, column 14");
    BOOST_TEST(f.what.find("not valid JSON") != std::string::npos, f.what);

    f = failure_of(R"({"schema": "ngdoctor.report/v1", "checks": [{"id": "a", "status": "ok"}, {"id": "b", "status": "maybe"}]})");
    BOOST_TEST(f.where == "checks[1].status");
    BOOST_TEST(f.what.find("ok, warn, fail, skip, crash") != std::string::npos, f.what);

    f = failure_of(R"({"schema": "ngdoctor.report/v1", "checks": [{"id": "a", "status": "ok", "fix": {"edits": [{"line": "x"}]}}]})");
    BOOST_TEST(f.where == "checks[0].fix.edits[0].line");

    f = failure_of(R"({"schema": "ngdoctor.report/v1"})");
    BOOST_TEST(f.where == "checks");
    BOOST_TEST(f.what == "missing");

    f = failure_of(R"({"schema": "something/v1", "checks": []})");
    BOOST_TEST(f.where == "schema");

    f = failure_of(R"({"schema": "ngdoctor.triage/v1", "causes": []})");
    BOOST_TEST(f.what.find("triage") != std::string::npos, f.what);

    f = failure_of("[1, 2]");
    BOOST_TEST(f.where == "the top level");

    f = failure_of("");
    BOOST_TEST(f.where == "line 1, column 1");
    f = failure_of(R"({"schema": "ngdoctor.report/v1", "checks": []} trailing)");
    BOOST_TEST(f.where.starts_with("line 1, column "), f.where);

    // A whole number past int64's range is refused, not converted (undefined behaviour).
    f = failure_of(R"({"schema": "ngdoctor.report/v1", "exit_code": 1e300, "checks": []})");
    BOOST_TEST(f.where == "exit_code");
    BOOST_TEST(f.what.find("whole number") != std::string::npos, f.what);
}

BOOST_AUTO_TEST_CASE(schema_versions)
{
    BOOST_TEST(report::report_schema_version("ngdoctor.report/v1") == 1);
    BOOST_TEST(report::report_schema_version("ngdoctor.report/v12") == 12);
    BOOST_TEST(report::report_schema_version("ngdoctor.report/v") == 0);
    BOOST_TEST(report::report_schema_version("ngdoctor.report/v1x") == 0);
    BOOST_TEST(report::report_schema_version("ngdoctor.report/v0") == 0);
    BOOST_TEST(report::report_schema_version("other/v1") == 0);
}

BOOST_AUTO_TEST_CASE(a_diff_says_what_appeared_disappeared_and_changed_status)
{
    auto before = sample();
    auto after = sample();
    after.findings[0].state = doctor::status::ok;
    after.findings[0].summary = "the base URL is OpenRouter's API";
    after.findings.erase(after.findings.begin() + 2);  // provider.status gone
    doctor::finding fresh = doctor::ok("new check");
    fresh.check_id = "credits";
    fresh.target = "policy";
    after.findings.push_back(fresh);

    const auto d = report::compare(before, after);
    BOOST_REQUIRE_EQUAL(d.changed.size(), 1u);
    BOOST_TEST(d.changed[0].check_id == "base_url.format");
    BOOST_TEST((d.changed[0].before == doctor::status::fail));
    BOOST_TEST((d.changed[0].after == doctor::status::ok));
    BOOST_REQUIRE_EQUAL(d.appeared.size(), 1u);
    BOOST_TEST(d.appeared[0].check_id == "credits");
    BOOST_REQUIRE_EQUAL(d.disappeared.size(), 1u);
    BOOST_TEST(d.disappeared[0].check_id == "provider.status");
    BOOST_TEST(d.unchanged == 1u);

    std::ostringstream text;
    report::render_diff_text(text, d, before, after, {});
    BOOST_TEST(text.str().find("base_url.format  policy  fail → ok  the base URL is OpenRouter's API") != std::string::npos,
               text.str());
    BOOST_TEST(text.str().find("credits          policy  absent → ok") != std::string::npos, text.str());
    BOOST_TEST(text.str().find("1 changed, 1 appeared, 1 disappeared, 1 unchanged") != std::string::npos, text.str());

    std::ostringstream json;
    report::render_diff_json(json, d, false);
    const auto v = boost::json::parse(json.str());
    BOOST_TEST(v.at("changed").at(0).at("before").as_string() == "fail");
    BOOST_TEST(v.at("appeared").at(0).at("before").is_null());
    BOOST_TEST(v.at("unchanged").as_int64() == 1);

    BOOST_TEST(report::compare(before, before).empty());
}

BOOST_AUTO_TEST_CASE(the_same_check_on_two_targets_is_two_findings)
{
    auto before = sample();
    auto second = before.findings[0];
    second.target = "judge";
    before.findings.push_back(second);
    auto after = before;
    after.findings.back().state = doctor::status::ok;
    const auto d = report::compare(before, after);
    BOOST_REQUIRE_EQUAL(d.changed.size(), 1u);
    BOOST_TEST(d.changed[0].target == "judge");
}

BOOST_AUTO_TEST_CASE(a_triage_report_read_back_prints_the_same_text)
{
    report::triage_report t;
    t.sources = {{"run.jsonl", "rollouts", 10}, {"server.log", "log", 40}};
    t.rollouts.known = true;
    t.rollouts.planned = 10;
    t.rollouts.succeeded = 4;
    t.rollouts.failed = 3;
    t.rollouts.missing = 3;
    t.rollouts.failed_by_class = {{"http_401", 2}, {"timeout", 1}};
    t.rollouts.metrics_missing = true;
    report::triage_cause c;
    c.finding = doctor::fail("OpenRouter rejected the key (401)", net::error_class::http_401,
                             {"create a new key", {"curl https://openrouter.ai/api/v1/key"}}, {"OpenRouter said: 401"});
    c.finding.check_id = "key.status";
    c.count = 2;
    c.first_seen = "server.log:3";
    c.evidence = "ERROR 401";
    t.causes = {c};
    std::ostringstream json;
    report::render_triage_json(json, t);
    BOOST_TEST(report::is_triage_json(json.str()));
    BOOST_TEST(!report::is_triage_json(json_of(sample())));
    report::read_failure failure;
    const auto saved = report::read_triage_report(json.str(), failure);
    BOOST_REQUIRE_MESSAGE(saved.has_value(), failure.where << ": " << failure.what);
    std::ostringstream live, again;
    report::triage_text_style style;
    style.base.verbose = true;
    report::render_triage_text(live, t, style);
    report::render_triage_text(again, saved->report, style);
    BOOST_TEST(again.str() == live.str());

    BOOST_TEST(!report::read_triage_report(R"({"schema": "ngdoctor.triage/v1", "causes": [{"id": "x"}]})", failure));
    BOOST_TEST(failure.where == "causes[0].status");
}
