// The bundle's last guard (a key still in clear stops it, with the line) and its README.
#define BOOST_TEST_MODULE report_bundle
#include <boost/test/unit_test.hpp>

#include "report/bundle.hpp"

using namespace ngd;

namespace {
const std::string key = "sk-or-v1-" + std::string(32, 'c') + std::string(32, 'd');
}

BOOST_AUTO_TEST_CASE(a_key_in_clear_is_found_with_its_line)
{
    BOOST_TEST(!report::leaked_line("nothing here\nat all\n", {key}).has_value());
    // Masked forms are what a bundle is meant to hold.
    BOOST_TEST(!report::leaked_line("key: sk-or-v1-ccc...ddd\n", {key}).has_value());
    BOOST_TEST(report::leaked_line("a\nb\nkey: " + key + "\n", {}).value_or(0) == 3u);
    // A configured secret that is not key-shaped is found by value.
    BOOST_TEST(report::leaked_line("{\n \"token\": \"vllm-secret-token-123\"\n}", {"vllm-secret-token-123"}).value_or(0) == 2u);
    // Split by a line break, as a wrapped log line would split it.
    BOOST_TEST(report::leaked_line("x " + key.substr(0, 40) + "\n" + key.substr(40), {}).has_value());
}

BOOST_AUTO_TEST_CASE(the_readme_follows_the_bug_template_and_names_the_root_causes)
{
    report::run_report r;
    r.version = "0.1.0";
    r.created_at = "2026-01-31T12:00:00Z";
    r.platform = report::platform_view{"Linux", "6.1.0", "/etc/ssl/certs/ca-certificates.crt", "", "ngdoctor 0.1.0"};
    doctor::finding f = doctor::fail("the path /v1 is not OpenRouter's API path /api/v1", net::error_class::config,
                                     {"set policy_base_url to https://openrouter.ai/api/v1", {}});
    f.check_id = "base_url.format";
    f.target = "policy";
    doctor::finding s = doctor::fail("follows", net::error_class::config);
    s.check_id = "model.availability";
    s.caused_by = "model.id_format";
    r.findings = {f, s};
    report::bundle_facts facts;
    facts.command = {"ngdoctor", "bundle", "+config_paths=[a b.yaml]"};
    facts.python_version = "Python 3.11.7";
    facts.members = {"report.json", "README.md"};
    const auto readme = report::bundle_readme(r, facts);
    const std::vector<std::string> sections{"## Describe the bug", "## Steps/Code to reproduce bug",
                                            "## Expected behavior", "## Configs", "## Environment overview",
                                            "## Additional context"};
    std::size_t last = 0;
    for (const auto& section : sections) {
        const auto at = readme.find(section);
        BOOST_TEST((at != std::string::npos && at >= last), section);
        last = at;
    }
    BOOST_TEST(readme.find("- `base_url.format` (policy): the path /v1") != std::string::npos, readme);
    BOOST_TEST(readme.find("model.availability") == std::string::npos, readme);  // a consequence, not a cause
    BOOST_TEST(readme.find("ngdoctor bundle '+config_paths=[a b.yaml]'") != std::string::npos, readme);
    BOOST_TEST(readme.find("Python 3.11.7") != std::string::npos);
    BOOST_TEST(readme.find("gym not on PATH") != std::string::npos);
}
