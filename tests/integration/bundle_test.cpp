// `ngdoctor bundle`: one archive for a support thread that holds no key in any member,
// refuses to be written when one would leak, never replaces a file, and that `report` reads.
#define BOOST_TEST_MODULE bundle
#include <boost/test/unit_test.hpp>

#include "run_report.hpp"

#include <cstdlib>
#include <regex>

using namespace ngd::itest;
namespace fs = std::filesystem;

namespace {

/// The archive's members, unpacked by tar (an independent reader) into `into`.
std::map<std::string, std::string> unpack(const fs::path& archive, const ngd::test::temp_dir& into)
{
    const auto r = ngd::test::run("/bin/tar", {"-xzf", archive.string(), "-C", into.path().string()});
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    std::map<std::string, std::string> members;
    for (const auto& e : fs::recursive_directory_iterator(into.path()))
        if (e.is_regular_file())
            members[fs::relative(e.path(), into.path()).string()] = ngd::test::temp_dir::read(e.path());
    return members;
}

/// Every form in which `key` would be readable: whole, without its prefix, and any 16
/// characters of its secret part.
void expect_no_key(const std::string& where, const std::string& text, const std::string& key)
{
    BOOST_TEST(text.find(key) == std::string::npos, where << " holds the key");
    const std::string secret = key.substr(9);
    for (std::size_t at = 0; at + 16 <= secret.size(); at += 8)
        BOOST_TEST(text.find(secret.substr(at, 16)) == std::string::npos, where << " holds part of the key");
}

std::string path_with(const fs::path& dir)
{
    const char* path = std::getenv("PATH");
    return dir.string() + ":" + (path ? path : "/usr/bin:/bin");
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_bundle_holds_every_member_and_no_key_in_any_of_them)
{
    ngd::test::simulator sim;
    ngd::test::temp_dir home, unpacked;
    const auto canary = fake_key(91);
    // The canary everywhere a key is found in practice: env.yaml, a Hydra overrides.yaml,
    // the command line, a run's log; and the management key in the environment.
    write_env(home, env_yaml(openrouter_base, canary, "openai/gpt-4o-mini"));
    home.write("outputs/2026-01-31/12-00-00/.hydra/overrides.yaml",
               "- ++policy_api_key=" + canary + "\n- +policy_model_name=openai/gpt-4o-mini\n");
    home.write("run/server.log", "INFO Request info: Authorization: Bearer " + canary + "\nERROR 401 User not found.\n");
    std::vector<std::string> args{"bundle", "-o", "support.tar.gz", "--run", "run/server.log",
                                  "++policy_api_key=" + canary};
    const auto to_sim = simulator_args(sim);
    args.insert(args.end(), to_sim.begin(), to_sim.end());
    const auto management = fake_key(95);
    const auto r = run_ngdoctor(args, home.path(), {{"OPENROUTER_MANAGEMENT_KEY", management}});
    BOOST_TEST(r.exit_code == 0, r.out << r.err);
    expect_no_key("stdout", r.out, canary);
    expect_no_key("stderr", r.err, canary);
    expect_no_key("stdout", r.out, management);
    BOOST_REQUIRE(fs::exists(home.path() / "support.tar.gz"));
    BOOST_TEST(((fs::status(home.path() / "support.tar.gz").permissions() & fs::perms::others_read) == fs::perms::none));

    const auto members = unpack(home.path() / "support.tar.gz", unpacked);
    for (const char* name : {"report.json", "report.txt", "config.yaml", "inputs.json", "environment.json",
                             "triage.json", "README.md", "hydra/outputs/2026-01-31/12-00-00/.hydra/overrides.yaml"})
        BOOST_TEST(members.count(name) == 1u, name);
    for (const auto& [name, text] : members) {
        expect_no_key(name, text, canary);
        expect_no_key(name, text, management);
    }

    const auto report = json::parse(members.at("report.json"));
    BOOST_TEST(text_of(report, "schema") == "ngdoctor.report/v1");
    BOOST_TEST(report.at("checks").as_array().size() > 10u);
    BOOST_TEST(members.at("report.txt").find("20 checks:") != std::string::npos, members.at("report.txt"));
    BOOST_TEST(std::regex_search(members.at("config.yaml"), std::regex(R"(policy_api_key: '\*+'  # override)")),
               members.at("config.yaml"));
    BOOST_TEST(text_of(json::parse(members.at("triage.json")), "schema") == "ngdoctor.triage/v1");
    const auto inputs = json::parse(members.at("inputs.json"));
    BOOST_TEST(inputs.at("command").at(0).as_string() == "ngdoctor");
    BOOST_TEST(inputs.at("overrides_files").as_array().size() == 1u);
    const auto environment = json::parse(members.at("environment.json"));
    BOOST_TEST(environment.at("os").as_string() == "Linux");
    BOOST_TEST(environment.as_object().contains("python_version"));
    // The README is NeMo Gym's bug template (triage.md §4), filled in.
    const auto& readme = members.at("README.md");
    for (const char* section : {"## Describe the bug", "## Steps/Code to reproduce bug", "## Expected behavior",
                                "## Configs", "## Environment overview", "## Additional context"})
        BOOST_TEST(readme.find(section) != std::string::npos, section);
    // The simulator does not know the canary: the root cause is named, with its fix.
    BOOST_TEST(readme.find("- `key.status` (policy): OpenRouter rejected the key") != std::string::npos, readme);

    // `report` reads the bundle as it reads its report.json.
    const auto from_bundle = run_ngdoctor({"report", "support.tar.gz"}, home.path());
    const auto from_json = run_ngdoctor({"report", unpacked.path().string() + "/report.json"}, home.path());
    BOOST_TEST(from_bundle.exit_code == from_json.exit_code, from_bundle.err);
    BOOST_TEST(from_bundle.out == from_json.out);
    BOOST_TEST(!from_bundle.out.empty());
}

BOOST_AUTO_TEST_CASE(a_key_that_survives_redaction_stops_the_bundle_and_names_the_member)
{
    ngd::test::temp_dir home, tools;
    write_env(home, env_yaml(openrouter_base, fake_key(92), "openai/gpt-4o-mini"));
    // A `gym` whose version output carries a key nobody configured: copied as printed, so only
    // the scan stands between it and the archive.
    const auto stray = fake_key(93);
    const auto gym = tools.write("gym", "#!/bin/sh\necho '{\"version\": \"0.2.0\", \"token\": \"" + stray + "\"}'\n");
    fs::permissions(gym, fs::perms::owner_all);
    const auto r = run_ngdoctor({"bundle", "--offline", "-o", "leak.tar.gz"}, home.path(), {{"PATH", path_with(tools.path())}});
    BOOST_TEST(r.exit_code == 1, r.out << r.err);
    BOOST_TEST(r.err.find("not written: environment.json") != std::string::npos, r.err);
    expect_no_key("stderr", r.err, stray);
    expect_no_key("stdout", r.out, stray);
    BOOST_TEST(!fs::exists(home.path() / "leak.tar.gz"));

    // Without the stray key the same `gym` is reported.
    fs::remove(gym);
    tools.write("gym", "#!/bin/sh\necho '{\"version\": \"0.2.0\"}'\n");
    fs::permissions(tools.path() / "gym", fs::perms::owner_all);
    const auto ok = run_ngdoctor({"bundle", "--offline", "-o", "fine.tar.gz"}, home.path(), {{"PATH", path_with(tools.path())}});
    BOOST_TEST(ok.exit_code == 0, ok.err);
    ngd::test::temp_dir unpacked;
    const auto members = unpack(home.path() / "fine.tar.gz", unpacked);
    BOOST_TEST(members.at("environment.json").find("0.2.0") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_bundle_never_replaces_a_file_and_has_a_default_name)
{
    ngd::test::temp_dir home;
    write_env(home, env_yaml(openrouter_base, fake_key(94), "openai/gpt-4o-mini"));
    const auto existing = home.write("taken.tar.gz", "mine");
    const auto r = run_ngdoctor({"bundle", "--offline", "-o", "taken.tar.gz"}, home.path());
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("never replaces") != std::string::npos, r.err);
    BOOST_TEST(ngd::test::temp_dir::read(existing) == "mine");

    const auto made = run_ngdoctor({"bundle", "--offline"}, home.path());
    BOOST_TEST(made.exit_code == 0, made.err);
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(home.path())) names.push_back(e.path().filename().string());
    const auto bundle = std::find_if(names.begin(), names.end(), [](const std::string& n) {
        return std::regex_match(n, std::regex(R"(ngdoctor-bundle-\d{4}-\d\d-\d\dT\d{6}Z\.tar\.gz)"));
    });
    BOOST_TEST((bundle != names.end()), made.out);
    BOOST_TEST(run_ngdoctor({"bundle", "--json"}, home.path()).exit_code == 2);
    BOOST_TEST(run_ngdoctor({"bundle", "--offline", "--bogus"}, home.path()).exit_code == 2);
}
