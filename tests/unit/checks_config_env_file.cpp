#define BOOST_TEST_MODULE checks_config_env_file
#include <boost/test/unit_test.hpp>

#include "config_check_world.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <tuple>

BOOST_AUTO_TEST_CASE(found_env_yaml_is_ok_and_says_why)
{
    world w;
    auto path = w.dir.write("env.yaml", "policy_model_name: openai/gpt-4o-mini\n");
    ::chmod(path.c_str(), 0600);
    auto f = w.run(ngd::checks::config_env_file);
    BOOST_TEST((f.state == status::ok));
    BOOST_TEST(f.summary.find(path.string()) != std::string::npos);
    BOOST_TEST(f.summary.find("search roots") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(none_found_is_ok_when_the_key_is_on_the_command_line)
{
    world w;
    w.overrides = {"+policy_base_url=https://openrouter.ai/api/v1", "+policy_api_key=" + fake_key,
                   "+policy_model_name=openai/gpt-4o-mini"};
    auto f = w.run(ngd::checks::config_env_file);
    BOOST_TEST((f.state == status::ok));
    BOOST_TEST(f.summary.find("no env.yaml") != std::string::npos);
    no_key_in(f);
}

BOOST_AUTO_TEST_CASE(none_found_without_a_key_warns)
{
    world w;
    auto f = w.run(ngd::checks::config_env_file);
    BOOST_TEST((f.state == status::warn));
    BOOST_TEST(!f.remedy.commands.empty());
}

BOOST_AUTO_TEST_CASE(malformed_duplicate_and_tab_fail_with_line_and_column)
{
    // The fix names what to do about this very problem, not every problem env.yaml can have.
    for (auto [text, word, fix] : {std::tuple{"a: [1, 2\nb: 3\n", "not valid YAML", "as the parser's message says"},
                                   std::tuple{"a: \"open\nb: 3\n", "not valid YAML", "as the parser's message says"},
                                   std::tuple{"a: 1\na: 2\n", "same key twice", "keep one of the two"},
                                   std::tuple{"a:\n\tb: 1\n", "tab", "indent with spaces only"}}) {
        world w;
        w.dir.write("env.yaml", text);
        auto f = w.run(ngd::checks::config_env_file);
        BOOST_TEST((f.state == status::fail));
        BOOST_TEST(f.summary.find(word) != std::string::npos, f.summary);
        BOOST_TEST(f.remedy.text.find(fix) != std::string::npos, f.remedy.text);
        if (std::string_view(word) != "tab") BOOST_TEST(f.remedy.text.find("indent") == std::string::npos, f.remedy.text);
        BOOST_TEST(f.summary.find("env.yaml:") != std::string::npos, f.summary);
        BOOST_TEST(f.summary.find("column") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(a_key_readable_by_others_warns)
{
    world w;
    auto path = w.dir.write("env.yaml", "policy_api_key: " + fake_key + "\n");
    ::chmod(path.c_str(), 0644);
    auto f = w.run(ngd::checks::config_env_file);
    BOOST_TEST((f.state == status::warn));
    BOOST_TEST(f.summary.find("other users can read it") != std::string::npos);
    BOOST_TEST(f.remedy.commands.front().find("chmod 600") == 0u);
    no_key_in(f);
}

BOOST_AUTO_TEST_CASE(a_key_tracked_by_git_warns)
{
    world w;
    auto path = w.dir.write("env.yaml", "policy_api_key: " + fake_key + "\n");
    ::chmod(path.c_str(), 0600);
    std::string dir = w.dir.path().string();
    int rc = std::system(("git -C '" + dir + "' init -q && git -C '" + dir + "' add env.yaml").c_str());
    BOOST_TEST_REQUIRE(rc == 0);
    auto f = w.run(ngd::checks::config_env_file);
    BOOST_TEST((f.state == status::warn));
    BOOST_TEST(f.summary.find("tracked by git") != std::string::npos);
    no_key_in(f);
}

// The folder examined may be a stranger's repository whose own config names a program for
// git to run: asking git whether env.yaml is tracked must not run it.
BOOST_AUTO_TEST_CASE(a_repository_cannot_make_the_check_run_its_fsmonitor_program)
{
    world w;
    auto path = w.dir.write("env.yaml", "policy_api_key: " + fake_key + "\n");
    ::chmod(path.c_str(), 0600);
    std::string dir = w.dir.path().string();
    auto marker = w.dir.path() / "fsmonitor-ran";
    auto hook = w.dir.write("evil-hook", "#!/bin/sh\ntouch '" + marker.string() + "'\n");
    ::chmod(hook.c_str(), 0755);
    int rc = std::system(("git -C '" + dir + "' init -q && git -C '" + dir + "' add env.yaml && git -C '" + dir +
                          "' config core.fsmonitor '" + hook.string() + "'")
                             .c_str());
    BOOST_TEST_REQUIRE(rc == 0);
    // The attack is real: plain git runs the hook.
    BOOST_TEST_REQUIRE(std::system(("git -C '" + dir + "' ls-files >/dev/null 2>&1").c_str()) == 0);
    BOOST_TEST_REQUIRE(std::filesystem::exists(marker));
    std::filesystem::remove(marker);

    auto f = w.run(ngd::checks::config_env_file);
    BOOST_TEST(!std::filesystem::exists(marker));
    BOOST_TEST((f.state == status::warn));
    BOOST_TEST(f.summary.find("tracked by git") != std::string::npos);
    no_key_in(f);
}

BOOST_AUTO_TEST_CASE(env_file_option_that_does_not_exist_fails)
{
    world w;
    w.env_file = "nope.yaml";
    auto f = w.run(ngd::checks::config_env_file);
    BOOST_TEST((f.state == status::fail));
}

BOOST_AUTO_TEST_CASE(config_dict_in_the_environment_warns)
{
    world w;
    w.dir.write("env.yaml", "a: 1\n");
    w.environment["NEMO_GYM_CONFIG_DICT"] = "a: 2\n";
    auto f = w.run(ngd::checks::config_env_file);
    BOOST_TEST((f.state == status::warn));
    BOOST_TEST(f.remedy.commands.front() == "unset NEMO_GYM_CONFIG_DICT");
}

BOOST_AUTO_TEST_CASE(an_unresolved_key_is_not_a_key)
{
    world w;
    w.dir.write("m.yaml", "policy_model:\n  responses_api_models:\n    openai_model:\n      entrypoint: app.py\n"
                          "      openai_base_url: https://openrouter.ai/api/v1\n      openai_api_key: ${policy_api_key}\n"
                          "      openai_model: m\n      port: 1\n");
    w.overrides = {"+config_paths=[m.yaml]"};
    auto f = w.run(ngd::checks::config_env_file);
    BOOST_TEST((f.state == status::warn));
}
