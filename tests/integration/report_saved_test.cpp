// `ngdoctor report FILE` prints a saved `check-all --json` as the run printed it (times
// aside), with the same options; `report --diff OLD NEW` shows a fixed key as fail → ok;
// a file that is not a report is an error naming the place.
#define BOOST_TEST_MODULE report_saved
#include <boost/test/unit_test.hpp>

#include "run_report.hpp"

#include <regex>

using namespace ngd::itest;

namespace {

/// The text without what changes from run to run: the run's seconds, how fast a server
/// answered, and each check's ms.
std::string without_times(const std::string& text)
{
    static const std::regex seconds(R"(\d+\.\d\d s\b)"), ms(R"( \(\d+ ms\))");
    return std::regex_replace(std::regex_replace(text, seconds, "T s"), ms, "");
}

/// check-all against the simulator, as text with `options`, and as JSON saved to a file.
struct two_runs {
    ngd::test::run_result text;
    std::filesystem::path saved;
};

two_runs run_both(const ngd::test::simulator& sim, const ngd::test::temp_dir& home, const std::string& key,
                  const std::vector<std::string>& options, const std::string& saved_name = "report.json")
{
    std::vector<std::string> args{"check-all", "++policy_api_key=" + key};
    const auto to_sim = simulator_args(sim);
    args.insert(args.end(), to_sim.begin(), to_sim.end());
    auto text_args = args;
    text_args.insert(text_args.end(), options.begin(), options.end());
    auto json_args = args;
    json_args.push_back("--json");
    two_runs r{run_ngdoctor(text_args, home.path()), {}};
    const auto json_run = run_ngdoctor(json_args, home.path());
    BOOST_REQUIRE_MESSAGE(json::parse(json_run.out).is_object(), json_run.out << json_run.err);
    r.saved = home.write(saved_name, json_run.out);
    return r;
}

const std::string env_without_key =
    "policy_base_url: https://openrouter.ai/api/v1\npolicy_model_name: openai/gpt-4o-mini\n";

}  // namespace

BOOST_AUTO_TEST_CASE(a_saved_report_prints_as_the_live_report_with_the_same_options)
{
    ngd::test::simulator sim;
    ngd::test::temp_dir home;
    write_env(home, env_without_key);
    const auto key = fake_key(71);  // unknown to the simulator: key.status fails with 401
    for (const std::vector<std::string>& options :
         {std::vector<std::string>{}, {"-q"}, {"--group-by", "target"}, {"-v"}, {"--group-by", "check", "-q"}}) {
        std::string label;
        for (const auto& o : options) label += o + " ";
        const auto runs = run_both(sim, home, key, options);
        BOOST_TEST(runs.text.exit_code == 1, label << runs.text.out << runs.text.err);
        std::vector<std::string> report_args{"report", runs.saved.string()};
        report_args.insert(report_args.end(), options.begin(), options.end());
        const auto rendered = run_ngdoctor(report_args, home.path());
        BOOST_TEST(rendered.exit_code == runs.text.exit_code, label << rendered.err);
        BOOST_TEST(rendered.err.empty(), rendered.err);
        BOOST_TEST(without_times(rendered.out) == without_times(runs.text.out), label << "\n" << rendered.out << "\n---\n" << runs.text.out);
        BOOST_TEST(rendered.out.find(key) == std::string::npos);
        BOOST_TEST(rendered.out.find("key.status") != std::string::npos, rendered.out);
    }
    // Read from standard input too.
    const auto runs = run_both(sim, home, key, {});
    auto env = clean_env();
    const auto piped = ngd::test::run(ngd::test::staged_binary("ngdoctor"), {"report", "-"},
                                      {home.path(), env, ngd::test::temp_dir::read(runs.saved), std::chrono::seconds(60)});
    BOOST_TEST(without_times(piped.out) == without_times(runs.text.out));
}

BOOST_AUTO_TEST_CASE(a_diff_of_two_reports_shows_the_fixed_key_as_fail_to_ok)
{
    ngd::test::simulator sim;
    ngd::test::temp_dir home;
    write_env(home, env_without_key);
    const auto before = run_both(sim, home, fake_key(72), {}, "before.json");
    const auto after = run_both(sim, home, default_key, {}, "after.json");
    const auto diff = run_ngdoctor({"report", "--diff", before.saved.string(), after.saved.string()}, home.path());
    BOOST_TEST(diff.exit_code == 1, diff.out << diff.err);  // something changed
    BOOST_TEST(std::regex_search(diff.out, std::regex(R"(\n  key\.status +policy +fail → ok )")), diff.out);
    // What waited for the key ran this time.
    BOOST_TEST(std::regex_search(diff.out, std::regex(R"(\n  credits +policy +skip → ok)")), diff.out);
    BOOST_TEST(diff.out.find("Appeared:") == std::string::npos, diff.out);
    BOOST_TEST(diff.out.find(fake_key(72)) == std::string::npos);
    BOOST_TEST(diff.out.find(default_key) == std::string::npos);

    const auto as_json =
        run_ngdoctor({"report", "--diff", "--json", before.saved.string(), after.saved.string()}, home.path());
    const auto v = json::parse(as_json.out);
    bool key_fixed = false;
    for (const auto& c : v.at("changed").as_array())
        key_fixed |= text_of(c, "id") == "key.status" && text_of(c, "before") == "fail" && text_of(c, "after") == "ok";
    BOOST_TEST(key_fixed, as_json.out);

    const auto same = run_ngdoctor({"report", "--diff", after.saved.string(), after.saved.string()}, home.path());
    BOOST_TEST(same.exit_code == 0, same.out << same.err);
    BOOST_TEST(same.out.find("0 changed, 0 appeared, 0 disappeared") != std::string::npos, same.out);
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_a_report_is_an_error_naming_the_place)
{
    ngd::test::temp_dir home;
    write_env(home, env_yaml("https://openrouter.ai/api/v1", fake_key(73), "openai/gpt-4o"));
    const auto saved = run_ngdoctor({"check-all", "--offline", "--json=pretty"}, home.path()).out;
    const auto cut = home.write("cut.json", saved.substr(0, saved.size() / 2));
    auto r = run_ngdoctor({"report", cut.string()}, home.path());
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(std::regex_search(r.err, std::regex("cut\\.json: line \\d+, column \\d+: not valid JSON")), r.err);

    auto wrong = saved;
    wrong.replace(wrong.find("\"status\": \""), 11, "\"status\": \"bogus-");
    r = run_ngdoctor({"report", home.write("wrong.json", wrong).string()}, home.path());
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("wrong.json: checks[0].status: expected one of ok, warn, fail, skip, crash") != std::string::npos,
               r.err);

    r = run_ngdoctor({"report", (home.path() / "absent.json").string()}, home.path());
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("absent.json: cannot be read") != std::string::npos, r.err);

    r = run_ngdoctor({"report"}, home.path());
    BOOST_TEST(r.exit_code == 2);
    r = run_ngdoctor({"report", "--diff", cut.string()}, home.path());
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("OLD and NEW") != std::string::npos, r.err);
    r = run_ngdoctor({"report", "--quite", cut.string()}, home.path());
    BOOST_TEST(r.err.find("did you mean --quiet") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(a_report_of_a_newer_schema_is_read_with_a_note)
{
    ngd::test::temp_dir home;
    write_env(home, env_yaml("https://openrouter.ai/api/v1", fake_key(74), "openai/gpt-4o"));
    auto saved = run_ngdoctor({"check-all", "--offline", "--json"}, home.path()).out;
    saved.replace(saved.find("ngdoctor.report/v1"), 18, "ngdoctor.report/v7");
    const auto r = run_ngdoctor({"report", home.write("newer.json", saved).string()}, home.path());
    BOOST_TEST(r.err.find("note: this report has schema ngdoctor.report/v7, newer") != std::string::npos, r.err);
    BOOST_TEST(r.out.find("config.resolve") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(a_saved_triage_prints_as_triage_printed_it)
{
    ngd::test::temp_dir home;
    const auto key = fake_key(75);
    home.write("server.log",
               "INFO start\n"
               "INFO Request info: Authorization: Bearer " + key + "\n"
               "ERROR openai.AuthenticationError: Error code: 401 - {\"error\": {\"message\": \"User not found.\", \"code\": 401}}\n"
               "ERROR openai.RateLimitError: Error code: 429 - {\"error\": {\"message\": \"Rate limit exceeded: free-models-per-day\", \"code\": 429}}\n");
    const auto live = run_ngdoctor({"triage", "server.log"}, home.path());
    const auto saved = run_ngdoctor({"triage", "--json", "server.log"}, home.path());
    BOOST_REQUIRE_MESSAGE(json::parse(saved.out).is_object(), saved.out << saved.err);
    const auto file = home.write("triage.json", saved.out);
    const auto rendered = run_ngdoctor({"report", file.string()}, home.path());
    BOOST_TEST(rendered.exit_code == live.exit_code, rendered.err);
    BOOST_TEST(rendered.err.empty(), rendered.err);
    BOOST_TEST(rendered.out == live.out, rendered.out << "\n---\n" << live.out);
    BOOST_TEST(rendered.out.find("key.status") != std::string::npos, rendered.out);
    BOOST_TEST(rendered.out.find(key) == std::string::npos);
    // --diff is for check reports.
    const auto diff = run_ngdoctor({"report", "--diff", file.string(), file.string()}, home.path());
    BOOST_TEST(diff.exit_code == 2);
    BOOST_TEST(diff.err.find("a triage report") != std::string::npos, diff.err);
}
