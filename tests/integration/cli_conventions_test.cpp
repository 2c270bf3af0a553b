// The small conventions users expect from a command-line tool: `help COMMAND`, options
// before the command, "did you mean" for a mistyped flag, `explain` that forgives case and
// knows error classes, and shell completion generated from the tables.
#define BOOST_TEST_MODULE cli_conventions
#include <boost/test/unit_test.hpp>

#include "run_report.hpp"

#include <fstream>
#include <iterator>

using namespace ngd::itest;

namespace {

ngd::test::run_result ngdoctor(const std::vector<std::string>& args)
{
    static ngd::test::temp_dir home;
    return run_ngdoctor(args, home.path());
}

bool has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

/// What bash completes `line` (words separated by spaces; the last one being typed) to.
std::vector<std::string> bash_completes(const std::string& script, const std::string& line)
{
    ngd::test::temp_dir dir;
    const auto file = dir.write("ngdoctor.bash", script);
    // COMP_WORDS as bash fills them; a trailing space means a new, empty word.
    const std::string program = "source '" + file.string() + "'\n"
                                "read -ra COMP_WORDS <<< \"$LINE\"\n"
                                "[[ \"$LINE\" == *' ' ]] && COMP_WORDS+=('')\n"
                                "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
                                "_ngdoctor\n"
                                "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    auto env = clean_env();
    env["LINE"] = line;
    const auto r = ngd::test::run("/bin/bash", {"-c", program}, {dir.path(), env, "", std::chrono::seconds(30)});
    BOOST_TEST(r.exit_code == 0, r.err);
    std::vector<std::string> words;
    std::istringstream lines(r.out);
    for (std::string w; std::getline(lines, w);)
        if (!w.empty()) words.push_back(w);
    return words;
}

bool contains(const std::vector<std::string>& words, std::string_view w)
{
    return std::find(words.begin(), words.end(), w) != words.end();
}

}  // namespace

BOOST_AUTO_TEST_CASE(help_command_prints_the_commands_own_help)
{
    for (const std::string command : {"check-all", "report", "explain", "completion", "dump-config"}) {
        const auto via_help = ngdoctor({"help", command});
        const auto via_flag = ngdoctor({command, "--help"});
        BOOST_TEST(via_help.exit_code == 0, command << via_help.err);
        BOOST_TEST(via_help.out == via_flag.out, command);
        BOOST_TEST(has(via_help.out, "Usage: ngdoctor " + command), command << via_help.out);
    }
    const auto general = ngdoctor({"help"});
    BOOST_TEST(general.exit_code == 0);
    BOOST_TEST(has(general.out, "ngdoctor help COMMAND"));
    const auto unknown = ngdoctor({"help", "chek"});
    BOOST_TEST(unknown.exit_code == 2);
    BOOST_TEST(has(unknown.err, "did you mean check"), unknown.err);
}

BOOST_AUTO_TEST_CASE(options_before_the_command_work_as_after_it)
{
    ngd::test::temp_dir home;
    write_env(home, env_yaml("https://openrouter.ai/v1", fake_key(81), "gpt-4o"));
    const auto before = run_ngdoctor({"--json", "--offline", "--env-file", (home.path() / "env.yaml").string(), "check-all"},
                                     home.path());
    const auto after = run_ngdoctor({"check-all", "--json", "--offline", "--env-file", (home.path() / "env.yaml").string()},
                                    home.path());
    BOOST_TEST(before.exit_code == after.exit_code);
    const auto a = json::parse(before.out), b = json::parse(after.out);
    BOOST_TEST(a.at("summary") == b.at("summary"), before.out << before.err);
    BOOST_TEST(a.at("options").at("env_file") == b.at("options").at("env_file"));
    // The `=` form and short flags too.
    const auto quiet = run_ngdoctor({"-q", "--group-by=check", "check-all", "--offline"}, home.path());
    BOOST_TEST(quiet.exit_code == 1, quiet.err);
    BOOST_TEST(!has(quiet.out, "[✓]"), quiet.out);
    BOOST_TEST(has(quiet.out, "Fix these first:"), quiet.out);
    // An option the command does not take is the command's usage error.
    const auto wrong = run_ngdoctor({"--offline", "list-checks"}, home.path());
    BOOST_TEST(wrong.exit_code == 2);
    BOOST_TEST(has(wrong.err, "list-checks"), wrong.err);
    const auto missing = run_ngdoctor({"--env-file"}, home.path());
    BOOST_TEST(missing.exit_code == 2);
    BOOST_TEST(has(missing.err, "--env-file wants a value"), missing.err);
}

BOOST_AUTO_TEST_CASE(a_mistyped_top_level_flag_gets_a_suggestion)
{
    const auto r = ngdoctor({"--versoin"});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(has(r.err, "unknown option '--versoin'"), r.err);
    BOOST_TEST(has(r.err, "did you mean --version"), r.err);
    const auto json = ngdoctor({"--jsno", "check-all"});
    BOOST_TEST(json.exit_code == 2);
    BOOST_TEST(has(json.err, "did you mean --json"), json.err);
    BOOST_TEST(ngdoctor({"-V"}).out == ngdoctor({"--version"}).out);
}

BOOST_AUTO_TEST_CASE(explain_forgives_case_and_knows_error_classes_and_statuses)
{
    const auto exact = ngdoctor({"explain", "key.status"});
    BOOST_TEST(exact.exit_code == 0);
    BOOST_TEST(ngdoctor({"explain", "KEY.Status"}).out == exact.out);
    BOOST_TEST(ngdoctor({"explain", "docs/checks/key.status.md"}).out == exact.out);

    const auto by_class = ngdoctor({"explain", "http_401"});
    BOOST_TEST(by_class.exit_code == 0, by_class.err);
    BOOST_TEST(has(by_class.out, "User not found."), by_class.out);
    BOOST_TEST(has(by_class.out, "  key.status\n"), by_class.out);
    const auto by_status = ngdoctor({"explain", "401"});
    BOOST_TEST(by_status.exit_code == 0);
    BOOST_TEST(has(by_status.out, "# http_401 (401)"), by_status.out);
    BOOST_TEST(has(ngdoctor({"explain", "HTTP_402"}).out, "credits"));
    BOOST_TEST(has(ngdoctor({"explain", "503"}).out, "# http_5xx (503)"));
    BOOST_TEST(has(ngdoctor({"explain", "tls"}).out, "--cacert"));
    // Every class the JSON report can give is explained.
    for (const std::string c : {"none", "config", "dns", "connect", "tls", "proxy", "timeout", "http_4xx", "http_401",
                                "http_402", "http_403", "http_404", "http_429", "http_5xx", "bad_response"}) {
        const auto r = ngdoctor({"explain", c});
        BOOST_TEST(r.exit_code == 0, c);
        BOOST_TEST(has(r.out, "# " + c + "\n"), c << r.out);
    }
    const auto typo = ngdoctor({"explain", "http_410x"});
    BOOST_TEST(typo.exit_code == 2);
    BOOST_TEST(has(typo.err, "did you mean"), typo.err);
    BOOST_TEST(ngdoctor({"explain", "200"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(bash_completion_comes_from_the_tables)
{
    const auto script = ngdoctor({"completion", "bash"});
    BOOST_REQUIRE_EQUAL(script.exit_code, 0);
    const auto top = bash_completes(script.out, "ngdoctor ");
    for (const char* command : {"check-all", "check", "report", "explain", "completion", "help", "triage"})
        BOOST_TEST(contains(top, command), command);
    const auto ids = bash_completes(script.out, "ngdoctor check key.");
    BOOST_TEST(contains(ids, "key.status"));
    BOOST_TEST(contains(ids, "key.format"));
    BOOST_TEST(!contains(ids, "credits"));
    BOOST_TEST(contains(bash_completes(script.out, "ngdoctor explain prov"), "provider.latency"));
    const auto options = bash_completes(script.out, "ngdoctor check-all --gr");
    BOOST_TEST((options == std::vector<std::string>{"--group-by"}));
    BOOST_TEST(contains(bash_completes(script.out, "ngdoctor check-all --offline --con"), "--concurrency"));
    BOOST_TEST(contains(bash_completes(script.out, "ngdoctor report --d"), "--diff"));
    BOOST_TEST(contains(bash_completes(script.out, "ngdoctor completion "), "zsh"));
}

BOOST_AUTO_TEST_CASE(zsh_completion_names_the_same_words)
{
    const auto script = ngdoctor({"completion", "zsh"});
    BOOST_REQUIRE_EQUAL(script.exit_code, 0);
    BOOST_TEST(script.out.starts_with("#compdef ngdoctor\n"));
    BOOST_TEST(has(script.out, "check) choices=(config.env_file "), script.out);
    BOOST_TEST(has(script.out, " --group-by "));
    BOOST_TEST(has(script.out, "compdef _ngdoctor ngdoctor"));
    // zsh parses it, where zsh is installed.
    for (const char* zsh : {"/bin/zsh", "/usr/bin/zsh"})
        if (std::filesystem::exists(zsh)) {
            ngd::test::temp_dir dir;
            const auto file = dir.write("_ngdoctor", script.out);
            const auto r = ngd::test::run(zsh, {"-n", file.string()});
            BOOST_TEST(r.exit_code == 0, r.err);
            break;
        }
    const auto bad = ngdoctor({"completion", "fish"});
    BOOST_TEST(bad.exit_code == 2);
    BOOST_TEST(has(bad.err, "bash or zsh"), bad.err);
}

BOOST_AUTO_TEST_CASE(completion_skips_the_values_of_options_before_the_command)
{
    const auto script = ngdoctor({"completion", "bash"}).out;
    // "env.yaml" is --env-file's value, not the command.
    const auto words = bash_completes(script, "ngdoctor --env-file env.yaml check key.s");
    BOOST_TEST((words == std::vector<std::string>{"key.status"}));
    BOOST_TEST(contains(bash_completes(script, "ngdoctor --json check-all --gr"), "--group-by"));
}

// The man page is built from the help texts: the staged file is what `ngdoctor man` prints,
// groff reads it without a warning, and it holds every command, option and check.
BOOST_AUTO_TEST_CASE(the_man_page_is_built_from_the_help_texts)
{
    const auto page = ngdoctor({"man"});
    BOOST_REQUIRE_EQUAL(page.exit_code, 0);
    std::ifstream staged(ngd::test::staged_binary("ngdoctor").parent_path() / "ngdoctor.1");
    BOOST_REQUIRE_MESSAGE(staged, "the build writes ngdoctor.1 next to the binary");
    const std::string built{std::istreambuf_iterator<char>(staged), {}};
    BOOST_TEST(built == page.out);
    BOOST_TEST(page.out.starts_with(".TH NGDOCTOR 1 "));

    ngd::test::temp_dir dir;
    const auto file = dir.write("ngdoctor.1", page.out);
    const auto groff = ngd::test::run("/usr/bin/groff", {"-man", "-Tutf8", "-ww", "-z", file.string()},
                                      {dir.path(), clean_env(), "", std::chrono::seconds(30)});
    BOOST_TEST(groff.exit_code == 0);
    BOOST_TEST(groff.err.empty(), groff.err);
    const auto text = ngd::test::run("/usr/bin/groff", {"-man", "-Tascii", "-P-cbu", file.string()},
                                     {dir.path(), clean_env(), "", std::chrono::seconds(30)});
    BOOST_REQUIRE_EQUAL(text.exit_code, 0);
    for (const char* part : {"check-all", "dump-config", "triage", "report --diff", "bundle", "completion", "--env-file",
                             "--group-by", "--show-origin", "key.status", "provider.status", "config.env_file",
                             "OPENROUTER_MANAGEMENT_KEY", "EXIT STATUS"})
        BOOST_TEST(has(text.out, part), part);
    BOOST_TEST(ngdoctor({"man", "extra"}).exit_code == 2);
}
