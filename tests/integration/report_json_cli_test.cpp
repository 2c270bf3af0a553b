// The JSON report for someone who was not there: when, which command (secrets masked),
// which options, which machine, which exit code; two runs of one setup differ only in times.
#define BOOST_TEST_MODULE report_json_cli
#include <boost/test/unit_test.hpp>

#include "run_report.hpp"

using namespace ngd::itest;

namespace {

/// The report without what changes from run to run: times.
json::value without_times(json::value v)
{
    auto& root = v.as_object();
    root.erase("created_at");
    root.erase("elapsed_ms");
    for (auto& c : root.at("checks").as_array()) c.as_object().erase("elapsed_ms");
    return v;
}

}  // namespace

BOOST_AUTO_TEST_CASE(two_runs_of_one_setup_differ_only_in_times_and_say_everything_else)
{
    ngd::test::temp_dir home;
    const auto key = fake_key(41);
    write_env(home, env_yaml("https://openrouter.ai/v1", key, "gpt-4o"));
    const std::vector<std::string> args{"check-all", "--offline", "--json", "++policy_api_key=" + key};
    const auto first = run_ngdoctor(args, home.path());
    const auto second = run_ngdoctor(args, home.path());
    BOOST_TEST(first.exit_code == 1, first.out << first.err);
    BOOST_TEST(first.out.find(key) == std::string::npos);
    const auto a = json::parse(first.out), b = json::parse(second.out);
    BOOST_TEST(without_times(a) == without_times(b), first.out << "\n" << second.out);
    BOOST_TEST(a.at("exit_code").as_int64() == 1);
    const auto created = std::string(a.at("created_at").as_string());
    BOOST_TEST((created.size() == 20u && created.back() == 'Z' && created[10] == 'T'), created);
    const auto& command = a.at("command").as_array();
    BOOST_REQUIRE_EQUAL(command.size(), args.size() + 1);
    BOOST_TEST(command.at(0).as_string() == "ngdoctor");
    BOOST_TEST(command.at(4).as_string() == "++policy_api_key=sk-or-v1-" + key.substr(9, 3) + "..." + key.substr(key.size() - 3));
    BOOST_TEST(a.at("options").at("offline").as_bool());
    BOOST_TEST(a.at("platform").at("os").as_string() == "Linux");
    BOOST_TEST(!a.at("platform").at("ngdoctor_build").as_string().empty());
    // A structured fix for the base URL, where env.yaml writes it.
    bool found = false;
    for (const auto& c : a.at("checks").as_array())
        if (text_of(c, "id") == "base_url.format")
            for (const auto& e : c.at("fix").at("edits").as_array()) {
                found = true;
                BOOST_TEST(e.at("key").as_string() == "policy_base_url");
                BOOST_TEST(e.at("value").as_string() == "https://openrouter.ai/api/v1");
                BOOST_TEST(e.at("line").as_int64() == 1);
            }
    BOOST_TEST(found, first.out);
}

BOOST_AUTO_TEST_CASE(json_layouts_on_request)
{
    ngd::test::temp_dir home;
    write_env(home, env_yaml("https://openrouter.ai/api/v1", fake_key(42), "openai/gpt-4o"));
    const auto compact = run_ngdoctor({"check-all", "--offline", "--json=compact"}, home.path());
    const auto pretty = run_ngdoctor({"check-all", "--offline", "--json=pretty"}, home.path());
    const auto piped = run_ngdoctor({"check-all", "--offline", "--json"}, home.path());
    BOOST_TEST(std::count(compact.out.begin(), compact.out.end(), '\n') == 1);
    BOOST_TEST(std::count(piped.out.begin(), piped.out.end(), '\n') == 1);  // not a terminal: compact
    BOOST_TEST(pretty.out.find("\n  \"schema\": ") != std::string::npos, pretty.out);
    BOOST_TEST(json::parse(pretty.out).at("summary") == json::parse(compact.out).at("summary"));
    const auto bad = run_ngdoctor({"check-all", "--offline", "--json=yaml"}, home.path());
    BOOST_TEST(bad.exit_code == 2);
    BOOST_TEST(bad.err.find("compact or pretty") != std::string::npos, bad.err);
}
