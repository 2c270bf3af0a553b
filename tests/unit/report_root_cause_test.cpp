#define BOOST_TEST_MODULE report_root_cause
#include <boost/test/unit_test.hpp>

#include "report/text.hpp"
#include "report/wrap.hpp"

#include <sstream>

using namespace ngd;
using doctor::finding;

namespace {

finding row(std::string id, std::string target, finding f)
{
    f.check_id = std::move(id);
    f.group = f.check_id.substr(0, f.check_id.find('.'));
    f.target = std::move(target);
    f.docs = "docs/checks/" + f.check_id + ".md";
    return f;
}

finding skipped_by(std::string id, std::string target, std::string root)
{
    finding f = row(std::move(id), std::move(target), doctor::skip(root + " failed"));
    f.caused_by = root;
    return f;
}

/// A wrong base URL on one target: one failure and seven skips that follow from it.
report::run_report wrong_base_url(const std::string& target = "policy")
{
    report::run_report r;
    r.version = "0.1.0";
    r.targets.push_back({target, "https://openrouter.ai/v1", "openai/gpt-4o-mini", ""});
    r.findings.push_back(row("key.format", target, doctor::ok("OpenRouter key format looks right")));
    r.findings.push_back(row("base_url.format", target,
                             doctor::fail("OpenRouter's API lives under /api/v1", net::error_class::config,
                                          {"set policy_base_url to https://openrouter.ai/api/v1", {}})));
    for (const char* id : {"base_url.reach", "key.status", "model.availability", "provider.status", "credits",
                           "rate_limits", "inference.probe"})
        r.findings.push_back(skipped_by(id, target, "base_url.format"));
    return r;
}

std::string text(const report::run_report& r, report::text_style style = {})
{
    std::ostringstream out;
    report::render_text(out, r, style);
    return out.str();
}

std::size_t count_lines(const std::string& s)
{
    return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

}  // namespace

BOOST_AUTO_TEST_CASE(skips_that_follow_from_one_failure_fold_into_one_line)
{
    const auto out = text(wrong_base_url());
    BOOST_TEST(out.find("[-] 7 checks skipped because base_url.format failed\n") != std::string::npos, out);
    BOOST_TEST(out.find("[-] key.status") == std::string::npos, out);
    BOOST_TEST(out.find("9 checks: 1 ok, 0 warnings, 1 failed, 7 skipped") != std::string::npos, out);
}

BOOST_AUTO_TEST_CASE(the_report_ends_with_the_root_cause_and_its_fix)
{
    const auto out = text(wrong_base_url());
    const auto first = out.find("Fix these first:\n"
                                "  1. base_url.format (policy): OpenRouter's API lives under /api/v1 — fix: set "
                                "policy_base_url to https://openrouter.ai/api/v1\n");
    BOOST_TEST(first != std::string::npos, out);
    BOOST_TEST(out.find("Fix these first:") > out.find(" checks: "));
    BOOST_TEST(out.find("  2. ") == std::string::npos, out);
}

BOOST_AUTO_TEST_CASE(line_count_does_not_grow_with_the_skips_a_failure_causes)
{
    auto few = wrong_base_url();
    few.findings.resize(4);  // key.format, base_url.format, two skips
    BOOST_TEST(count_lines(text(few)) == count_lines(text(wrong_base_url())));
}

BOOST_AUTO_TEST_CASE(a_problem_found_twice_is_said_once)
{
    report::run_report r;
    r.targets.push_back({"policy", "https://openrouter.ai/api/v1", "gpt-4o", ""});
    r.findings.push_back(row("model.id_format", "policy",
                             doctor::fail("'gpt-4o' has no provider prefix", net::error_class::config,
                                          {"set policy_model_name to openai/gpt-4o", {}})));
    finding again = row("model.availability", "policy",
                        doctor::fail("'gpt-4o' is not in OpenRouter's catalog", net::error_class::http_404,
                                     {"set policy_model_name to openai/gpt-4o", {"curl https://openrouter.ai/api/v1/models"}}));
    again.caused_by = "model.id_format";
    r.findings.push_back(again);
    const auto out = text(r);
    const auto fixes = out.substr(out.find("Fix these first:"));
    BOOST_TEST(fixes.find("model.id_format") != std::string::npos, out);
    BOOST_TEST(fixes.find("model.availability") == std::string::npos, out);
    BOOST_TEST(out.find("follows from model.id_format") != std::string::npos, out);
    // The fix is printed under the root only (once in the rows, once in the list).
    std::size_t n = 0;
    for (auto at = out.find("set policy_model_name"); at != std::string::npos; at = out.find("set policy_model_name", at + 1)) ++n;
    BOOST_TEST(n == 2u, out);
}

BOOST_AUTO_TEST_CASE(the_same_failure_on_several_targets_is_listed_once)
{
    auto r = wrong_base_url("a");
    auto b = wrong_base_url("b");
    r.targets.push_back(b.targets[0]);
    r.findings.insert(r.findings.end(), b.findings.begin(), b.findings.end());
    const auto out = text(r, {false, false, false, report::grouping::by_check, 0});
    BOOST_TEST(out.find("  1. base_url.format (a, b): ") != std::string::npos, out);
    BOOST_TEST(out.find("[-] 7 checks skipped because base_url.format failed (a)") != std::string::npos, out);
    BOOST_TEST(out.find("[-] 7 checks skipped because base_url.format failed (b)") != std::string::npos, out);
}

BOOST_AUTO_TEST_CASE(more_than_two_targets_group_by_target)
{
    report::run_report r;
    for (const char* name : {"alpha", "beta", "gamma"}) {
        auto one = wrong_base_url(name);
        r.targets.push_back(one.targets[0]);
        r.findings.insert(r.findings.end(), one.findings.begin(), one.findings.end());
    }
    const auto out = text(r);
    const auto alpha = out.find("alpha  https://openrouter.ai/v1  openai/gpt-4o-mini\n");
    const auto beta = out.find("beta  https://openrouter.ai/v1");
    BOOST_TEST(alpha != std::string::npos, out);
    BOOST_TEST(beta > alpha);
    // Inside a target's section the rows need no target column.
    BOOST_TEST(out.find("[✓] key.format          OpenRouter key format") != std::string::npos, out);
    const auto by_check = text(r, {false, false, false, report::grouping::by_check, 0});
    BOOST_TEST(by_check.find("alpha  https://") == std::string::npos, by_check);
}

BOOST_AUTO_TEST_CASE(quiet_shows_only_problems_and_the_summary)
{
    const auto out = text(wrong_base_url(), {false, false, true, report::grouping::automatic, 0});
    BOOST_TEST(out.find("[✓]") == std::string::npos, out);
    BOOST_TEST(out.find("[-]") == std::string::npos, out);
    BOOST_TEST(out.find("[✗] base_url.format") != std::string::npos, out);
    BOOST_TEST(out.find(" checks: ") != std::string::npos, out);
    BOOST_TEST(out.find("Fix these first:") != std::string::npos, out);
}

BOOST_AUTO_TEST_CASE(at_80_columns_prose_wraps_with_a_hanging_indent_and_commands_stay_whole)
{
    report::run_report r;
    r.targets.push_back({"policy_model", "https://openrouter.ai/api/v1", "openai/gpt-4o", ""});
    const std::string command =
        "curl -sS https://openrouter.ai/api/v1/models/openai/gpt-4o/endpoints -H \"Authorization: Bearer "
        "$OPENROUTER_API_KEY\"";
    r.findings.push_back(row(
        "provider.status", "policy_model",
        doctor::fail("every provider of openai/gpt-4o is down or degraded according to OpenRouter's endpoints "
                     "list, so requests would fail with 502 or 503 until one recovers",
                     net::error_class::http_5xx,
                     {"wait for a provider to recover, or choose a model served by another provider in the meantime",
                      {command}})));
    const auto out = text(r, {false, false, false, report::grouping::automatic, 80});
    std::istringstream lines(out);
    const std::string summary_column(std::string("[✗] ").size() - 2 + std::string("provider.status").size(), ' ');
    for (std::string line; std::getline(lines, line);) {
        if (line.find("try: ") != std::string::npos) {
            BOOST_TEST(line == "      try: " + command);
            continue;
        }
        BOOST_TEST(report::columns_of(line) <= 80u, line);
    }
    // The second line of the summary starts under the first letter of the summary.
    const auto first_end = out.find('\n');
    const auto summary_at = report::columns_of(out.substr(0, out.find("every")));
    const auto second = out.substr(first_end + 1, out.find('\n', first_end + 1) - first_end - 1);
    BOOST_TEST(second.find_first_not_of(' ') == summary_at, out);
    BOOST_TEST(out.find("      fix: wait for a provider") != std::string::npos, out);
}

BOOST_AUTO_TEST_CASE(wrap_keeps_short_lines_and_long_words)
{
    BOOST_TEST(report::wrap("short", 80, 4) == "short\n");
    BOOST_TEST(report::wrap("aaa bbb ccc", 0, 2) == "aaa bbb ccc\n");
    BOOST_TEST(report::wrap("aaaa bbbb cccc dddd eeee ffff", 14, 2) == "aaaa bbbb cccc\n  dddd eeee\n  ffff\n");
    const std::string url(30, 'u');
    BOOST_TEST(report::wrap("see " + url + " now", 14, 2) == "see\n  " + url + "\n  now\n");
    BOOST_TEST(report::columns_of("[✓] \033[31mx\033[0m") == 5u);
}
