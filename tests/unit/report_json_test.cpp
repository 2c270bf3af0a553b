#define BOOST_TEST_MODULE report_json
#include <boost/test/unit_test.hpp>

#include "report/json.hpp"

#include <boost/json.hpp>

#include <sstream>

using namespace ngd;

namespace {

const std::string key = "sk-or-v1-" + std::string(64, 'a');

report::run_report sample()
{
    report::run_report r;
    r.version = "0.1.0";
    r.created_at = "2026-01-31T12:00:00Z";
    r.command = {"ngdoctor", "check-all", "++policy_api_key=sk-or-v1-aaa...aaa"};
    r.options["offline"] = true;
    r.platform = report::platform_view{"Linux", "6.1.0", "/etc/ssl/certs/ca-certificates.crt", "", "ngdoctor 0.1.0"};
    r.exit_code = 1;
    doctor::finding f = doctor::fail("rejected", net::error_class::http_401,
                                     {"create a new key", {"curl https://openrouter.ai/api/v1/key"}});
    f.check_id = "key.status";
    f.target = "policy";
    f.remedy.edits.push_back({"env.yaml", 2, "policy_api_key", key, true});
    f.remedy.edits.push_back({"", 0, "policy_model_name", "openai/gpt-4o", false});
    doctor::finding s = doctor::skip("key.status failed");
    s.check_id = "credits";
    s.caused_by = "key.status";
    r.findings = {f, s};
    return r;
}

boost::json::value rendered(const report::run_report& r, report::json_layout layout)
{
    std::ostringstream out;
    report::render_json(out, r, layout);
    return boost::json::parse(out.str());
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_report_says_when_how_where_and_with_what_result)
{
    const auto v = rendered(sample(), report::json_layout::compact);
    BOOST_TEST(v.at("created_at").as_string() == "2026-01-31T12:00:00Z");
    BOOST_TEST(v.at("command").as_array().size() == 3u);
    BOOST_TEST(v.at("options").at("offline").as_bool());
    BOOST_TEST(v.at("platform").at("os").as_string() == "Linux");
    BOOST_TEST(v.at("platform").at("kernel").as_string() == "6.1.0");
    BOOST_TEST(v.at("platform").at("ca_store").as_string() == "/etc/ssl/certs/ca-certificates.crt");
    BOOST_TEST(v.at("platform").at("proxy").is_null());
    BOOST_TEST(v.at("platform").at("ngdoctor_build").as_string() == "ngdoctor 0.1.0");
    BOOST_TEST(v.at("exit_code").as_int64() == 1);
    // The fields of v1 are still there, under the same names.
    for (const char* field : {"schema", "ngdoctor_version", "elapsed_ms", "config", "targets", "summary", "checks"})
        BOOST_TEST(v.as_object().contains(field), field);
}

BOOST_AUTO_TEST_CASE(findings_carry_caused_by_and_structured_edits_with_secrets_masked)
{
    std::ostringstream out;
    report::render_json(out, sample());
    BOOST_TEST(out.str().find(key) == std::string::npos);
    const auto v = boost::json::parse(out.str());
    const auto& checks = v.at("checks").as_array();
    BOOST_TEST(checks.at(0).at("caused_by").is_null());
    BOOST_TEST(checks.at(1).at("caused_by").as_string() == "key.status");
    const auto& edits = checks.at(0).at("fix").at("edits").as_array();
    BOOST_REQUIRE_EQUAL(edits.size(), 2u);
    BOOST_TEST(edits.at(0).at("file").as_string() == "env.yaml");
    BOOST_TEST(edits.at(0).at("line").as_int64() == 2);
    BOOST_TEST(edits.at(0).at("key").as_string() == "policy_api_key");
    BOOST_TEST(edits.at(0).at("value").as_string() == "sk-or-v1-aaa...aaa");
    BOOST_TEST(edits.at(0).at("secret").as_bool());
    BOOST_TEST(edits.at(1).at("file").is_null());
    BOOST_TEST(edits.at(1).at("line").is_null());
    BOOST_TEST(edits.at(1).at("value").as_string() == "openai/gpt-4o");
}

BOOST_AUTO_TEST_CASE(pretty_and_compact_hold_the_same_report)
{
    std::ostringstream compact, pretty;
    report::render_json(compact, sample(), report::json_layout::compact);
    report::render_json(pretty, sample(), report::json_layout::pretty);
    const std::string one_line = compact.str();
    BOOST_TEST(std::count(one_line.begin(), one_line.end(), '\n') == 1);
    BOOST_TEST(pretty.str().find("\n  \"schema\": \"ngdoctor.report/v1\",\n") != std::string::npos, pretty.str());
    BOOST_TEST(boost::json::parse(compact.str()) == boost::json::parse(pretty.str()));
    std::ostringstream empty;
    report::write_pretty(empty, boost::json::parse(R"({"a":[],"b":{},"c":[1,{"d":"e\n"}]})"));
    BOOST_TEST(empty.str() == "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    1,\n    {\n      \"d\": \"e\\n\"\n    }\n  ]\n}\n");
}

BOOST_AUTO_TEST_CASE(json_alone_is_pretty_on_a_terminal_and_compact_in_a_pipe)
{
    BOOST_TEST((report::parse_json_layout("auto", true) == report::json_layout::pretty));
    BOOST_TEST((report::parse_json_layout("auto", false) == report::json_layout::compact));
    // An explicit layout wins over the terminal.
    BOOST_TEST((report::parse_json_layout("compact", true) == report::json_layout::compact));
    BOOST_TEST((report::parse_json_layout("pretty", false) == report::json_layout::pretty));
    BOOST_TEST(!report::parse_json_layout("yaml", true).has_value());
    BOOST_TEST(!report::parse_json_layout("", false).has_value());
}
