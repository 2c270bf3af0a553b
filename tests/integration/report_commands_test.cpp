// The `try:` commands of the report run as printed in bash: real config paths quoted for the
// shell, a silent key prompt before a command that sends the key, the management key for
// /credits, concrete values within the limits the finding names, no placeholder. Every
// scenario run through run_case (network_*_test) gets the same check on all its commands.
#define BOOST_TEST_MODULE report_commands
#include <boost/test/unit_test.hpp>

#include "report_pasteable.hpp"
#include "scenario_case.hpp"

using namespace ngd::itest;

namespace {

std::vector<std::string> commands_of(const json::value& report, std::string_view id)
{
    std::vector<std::string> out;
    for (const auto& c : report.at("checks").as_array())
        if (text_of(c, "id") == id)
            for (const auto& v : c.at("fix").at("commands").as_array()) out.emplace_back(v.as_string());
    return out;
}

bool any_starts_with(const std::vector<std::string>& commands, std::string_view start)
{
    return std::any_of(commands.begin(), commands.end(), [&](const std::string& c) { return c.starts_with(start); });
}

const std::string provider_config = "policy_model:\n"
                                    "  responses_api_models:\n"
                                    "    inference_provider:\n"
                                    "      entrypoint: app.py\n"
                                    "      base_url: ${policy_base_url}\n"
                                    "      api_key: ${policy_api_key}\n"
                                    "      model: ${policy_model_name}\n"
                                    "      num_concurrent_requests: 64\n";

}  // namespace

BOOST_AUTO_TEST_CASE(a_model_fix_names_the_real_config_file_quoted)
{
    // A folder name with a space: the path must come back as one shell word.
    const scenario_case c{.name = "unknown model in a config file under a folder with a space",
                          .env = env_yaml(openrouter_base, "{KEY}", "openai/gpt-4o-mimi"),
                          .args = {"+config_paths=[my configs/openrouter.yaml]"},
                          .expected = with(healthy(), {{"model.availability", "fail/http_404"}, {"provider.status", "skip"}}),
                          .exit_code = 1,
                          .files = {{"my configs/openrouter.yaml", provider_config}},
                          .target = "policy_model"};
    const auto run = run_case(c);
    const auto commands = commands_of(run.report, "model.availability");
    const auto ng_run = std::find_if(commands.begin(), commands.end(), [](auto& s) { return s.starts_with("ng_run "); });
    BOOST_REQUIRE_MESSAGE(ng_run != commands.end(), run);
    BOOST_TEST(ng_run->find("'++config_paths=[my configs/openrouter.yaml]'") != std::string::npos, *ng_run);
    BOOST_TEST(ng_run->find("++policy_model.responses_api_models.inference_provider.model=openai/gpt-4o") !=
                   std::string::npos,
               *ng_run);
    BOOST_TEST(expect_pasteable(run.report, c.name) >= 2u);
}

BOOST_AUTO_TEST_CASE(a_curl_that_sends_the_key_is_preceded_by_a_silent_prompt_for_it)
{
    const scenario_case c{.name = "revoked key",
                          .scenario = R"({"keys": {"{KEY}": {"status": "revoked"}}})",
                          .env = env_yaml(openrouter_base, "{KEY}", "openai/gpt-4o"),
                          .expected = with(healthy(), {{"key.status", "fail/http_401"}, {"credits", "skip"},
                                                       {"rate_limits", "skip"}}),
                          .exit_code = 1,
                          .key = fake_key(31)};
    const auto run = run_case(c);
    const auto commands = commands_of(run.report, "key.status");
    BOOST_REQUIRE_GE(commands.size(), 2u);
    BOOST_TEST(commands[0] == "read -rs OPENROUTER_API_KEY && export OPENROUTER_API_KEY");
    BOOST_TEST(commands[1].find("$OPENROUTER_API_KEY") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_credits_command_sends_the_management_key)
{
    const std::string management = fake_key(32);
    const scenario_case c{.name = "empty account balance",
                          .scenario = R"({"keys": {"{KEY}": {"limit": null}, ")" + management +
                                      R"(": {"management": true, "total_credits": 10, "total_usage": 10.5}}})",
                          .env = env_yaml(openrouter_base, "{KEY}", "openai/gpt-4o"),
                          .expected = with(healthy(), {{"credits", "fail/http_402"}}),
                          .exit_code = 1,
                          .key = fake_key(33),
                          .env_vars = {{"OPENROUTER_MANAGEMENT_KEY", management}}};
    const auto run = run_case(c);
    const auto commands = commands_of(run.report, "credits");
    BOOST_TEST(any_starts_with(commands, "read -rs OPENROUTER_MANAGEMENT_KEY"), run);
    for (const auto& command : commands)
        if (command.find("/credits") != std::string::npos)
            BOOST_TEST(command.find("$OPENROUTER_API_KEY") == std::string::npos, command);
    BOOST_TEST(run.raw.out.find(management) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_concurrency_proposed_is_within_the_limit_it_names)
{
    const scenario_case c{.name = "64 in flight on a :free model",
                          .env = env_yaml(openrouter_base, "{KEY}", "openai/gpt-oss-20b:free"),
                          .args = {"+config_paths=[configs/openrouter.yaml]"},
                          .expected = with(healthy(), {{"rate_limits", "warn"}}),
                          .exit_code = 0,
                          .files = {{"configs/openrouter.yaml", provider_config}},
                          .target = "policy_model"};
    const auto run = run_case(c);
    const auto commands = commands_of(run.report, "rate_limits");
    BOOST_REQUIRE_EQUAL(commands.size(), 1u);
    const std::string marker = "num_concurrent_requests=";
    const auto at = commands[0].find(marker);
    BOOST_REQUIRE_MESSAGE(at != std::string::npos, commands[0]);
    BOOST_TEST(std::stoi(commands[0].substr(at + marker.size())) < 20, commands[0]);
    BOOST_TEST(commands[0].find("'++config_paths=[configs/openrouter.yaml]'") != std::string::npos, commands[0]);
}

BOOST_AUTO_TEST_CASE(config_errors_prompt_for_the_value_instead_of_a_placeholder)
{
    for (const auto& [env, config] : std::vector<std::pair<std::string, std::string>>{
             // An interpolation of an environment variable that is not set.
             {env_yaml(openrouter_base, fake_key(34), "openai/gpt-4o"),
              "policy_model:\n  responses_api_models:\n    openai_model:\n      entrypoint: app.py\n"
              "      openai_base_url: ${policy_base_url}\n      openai_api_key: ${oc.env:MY_KEY_VAR}\n"
              "      openai_model: ${policy_model_name}\n"},
             // A reference to a key that is not set.
             {"policy_base_url: " + openrouter_base + "\npolicy_api_key: " + fake_key(35) + "\n",
              "policy_model:\n  responses_api_models:\n    openai_model:\n      entrypoint: app.py\n"
              "      openai_base_url: ${policy_base_url}\n      openai_api_key: ${policy_api_key}\n"
              "      openai_model: ${policy_model_name}\n"},
             // An adapter without one of its keys.
             {env_yaml(openrouter_base, fake_key(36), "openai/gpt-4o"),
              "policy_model:\n  responses_api_models:\n    openai_model:\n      entrypoint: app.py\n"
              "      openai_base_url: ${policy_base_url}\n      openai_model: ${policy_model_name}\n"},
         }) {
        ngd::test::temp_dir home;
        write_env(home, env);
        home.write("configs/model.yaml", config);
        const auto raw = run_ngdoctor({"check-all", "--offline", "--json", "+config_paths=[configs/model.yaml]"},
                                      home.path());
        boost::system::error_code error;
        const auto report = json::parse(raw.out, error);
        BOOST_REQUIRE_MESSAGE(!error, raw.out << raw.err);
        BOOST_TEST(expect_pasteable(report, "config error") >= 1u, raw.out);
    }
}

BOOST_AUTO_TEST_CASE(placeholders_are_recognised)
{
    BOOST_TEST(placeholder_in("ng_collect_rollouts ... ++x=5") == "...");
    BOOST_TEST(placeholder_in("ngdoctor dump-config ++a=<value>") == "<value>");
    BOOST_TEST(placeholder_in("ng_run \"+config_paths=[${config_paths}]\"") == "${");
    BOOST_TEST(placeholder_in("curl -w '%{http_code}\\n' https://openrouter.ai/api/v1/models").empty());
    BOOST_TEST(bash_syntax("echo 'unclosed").exit_code != 0);
    BOOST_TEST(bash_syntax("read -rs value && ngdoctor dump-config '++a.b='\"$value\"").exit_code == 0);
}
