#define BOOST_TEST_MODULE cli_offline
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <boost/json.hpp>

using namespace ngd;

namespace {

const std::string hex64 = "0e6f44a47a05f1dad2ad7e88c4c1d6b77688157716fb1a5271146f7464951c96";
const std::string key = "sk-or-v1-" + hex64;

test::run_result ngdoctor(const std::vector<std::string>& args, const std::filesystem::path& cwd = {},
                          std::map<std::string, std::optional<std::string>> env = {})
{
    env.emplace("NO_COLOR", std::nullopt);
    env.emplace("NEMO_GYM_CONFIG_DICT", std::nullopt);
    env.emplace("NEMO_GYM_EXTRA_ROOTS", std::nullopt);
    return test::run(test::staged_binary("ngdoctor"), args, {cwd, env, "", std::chrono::seconds(60)});
}

std::string status_of(const boost::json::value& report, std::string_view id)
{
    for (const auto& c : report.at("checks").as_array())
        if (c.at("id").as_string() == id) return std::string(c.at("status").as_string());
    return "absent";
}

std::string class_of(const boost::json::value& report, std::string_view id)
{
    for (const auto& c : report.at("checks").as_array())
        if (c.at("id").as_string() == id) return std::string(c.at("error_class").as_string());
    return "absent";
}

struct seed_case {
    const char* name;
    std::string env_yaml;
    const char* check;
    const char* status;
    int exit_code;
};

std::ostream& operator<<(std::ostream& out, const seed_case& c) { return out << c.name; }

std::string env_yaml(const std::string& url, const std::string& key_line, const std::string& model)
{
    return "policy_base_url: " + url + "\npolicy_api_key: " + key_line + "\npolicy_model_name: " + model + "\n";
}

const std::string good_url = "https://openrouter.ai/api/v1";

// The env.yaml files the seed documents show, right and wrong.
const seed_case seed_cases[] = {
    {"as documented", env_yaml(good_url, key, "openai/gpt-4-turbo"), "key.format", "ok", 0},
    {"placeholder key", env_yaml(good_url, "sk-or-your-openrouter-api-key", "openai/gpt-4-turbo"), "key.format",
     "fail", 1},
    {"key with trailing newline", env_yaml(good_url, "\"" + key + "\\n\"", "openai/gpt-4-turbo"), "key.format",
     "fail", 1},
    {"key from a block scalar", env_yaml(good_url, "|\n  " + key, "openai/gpt-4-turbo"), "key.format", "fail", 1},
    {"OpenAI key", env_yaml(good_url, "sk-proj-" + hex64, "openai/gpt-4-turbo"), "key.format", "fail", 1},
    {"missing /api/v1", env_yaml("https://openrouter.ai", key, "openai/gpt-4-turbo"), "base_url.format", "fail", 1},
    {"wrong subdomain", env_yaml("https://api.openrouter.ai/v1", key, "openai/gpt-4-turbo"), "base_url.format",
     "fail", 1},
    {"trailing slash", env_yaml(good_url + "/", key, "openai/gpt-4-turbo"), "base_url.format", "warn", 0},
    {"chat completions path", env_yaml(good_url + "/chat/completions", key, "openai/gpt-4-turbo"),
     "base_url.format", "fail", 1},
    {"model without prefix", env_yaml(good_url, key, "gpt-4-turbo"), "model.id_format", "fail", 1},
    {"claude without prefix", env_yaml(good_url, key, "claude-3-sonnet"), "model.id_format", "fail", 1},
    {"anthropic model", env_yaml(good_url, key, "anthropic/claude-3-sonnet"), "model.id_format", "ok", 0},
    {"CRLF file", "policy_base_url: " + good_url + "\r\npolicy_api_key: " + key + "\r\npolicy_model_name: "
                  "openai/gpt-4-turbo\r\n", "key.format", "ok", 0},
};

}  // namespace

BOOST_DATA_TEST_CASE(seed_documents_env_yaml, boost::unit_test::data::make(seed_cases), c)
{
    test::temp_dir dir;
    dir.write("env.yaml", c.env_yaml);
    const auto r = ngdoctor({"check-all", "--offline", "--json"}, dir.path());
    BOOST_TEST_INFO(r.err);
    const auto report = boost::json::parse(r.out);
    BOOST_TEST(status_of(report, c.check) == c.status);
    if (std::string(c.status) == "fail") BOOST_TEST(class_of(report, c.check) == "config");
    BOOST_TEST(r.exit_code == c.exit_code);
    BOOST_TEST(r.out.find(hex64) == std::string::npos);
    BOOST_TEST(r.err.find(hex64) == std::string::npos);
    // Offline: every network check is skipped, none is run.
    BOOST_TEST(status_of(report, "key.status") == "skip");
    BOOST_TEST(status_of(report, "provider.status") == "skip");
}

BOOST_AUTO_TEST_CASE(text_report_is_plain_off_a_terminal_and_never_shows_the_key)
{
    test::temp_dir dir;
    dir.write("env.yaml", env_yaml(good_url, key, "gpt-4-turbo"));
    for (const std::vector<std::string>& extra : {std::vector<std::string>{}, {"-v"}}) {
        std::vector<std::string> args{"check-all", "--offline"};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto r = ngdoctor(args, dir.path());
        BOOST_TEST(r.exit_code == 1);
        BOOST_TEST(r.out.find("[✗] model.id_format") != std::string::npos, r.out);
        BOOST_TEST(r.out.find("did you mean openai/gpt-4-turbo?") != std::string::npos, r.out);
        BOOST_TEST(r.out.find("[✓] key.format") != std::string::npos);
        BOOST_TEST(r.out.find("sk-or-v1-0e6...c96") != std::string::npos);
        BOOST_TEST(r.out.find('\033') == std::string::npos);
        BOOST_TEST(r.out.find(hex64) == std::string::npos);
        BOOST_TEST(r.out.find(" checks: ") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(a_key_given_as_an_override_never_appears)
{
    test::temp_dir dir;
    const auto r = ngdoctor({"check-all", "--offline", "--json", "-v", "++policy_base_url=" + good_url,
                             "++policy_api_key=" + key, "++policy_model_name=openai/gpt-4o"},
                            dir.path());
    BOOST_TEST(r.exit_code == 0, r.out << r.err);
    BOOST_TEST(r.out.find(hex64) == std::string::npos);
    BOOST_TEST(r.err.find(hex64) == std::string::npos);
    const auto report = boost::json::parse(r.out);
    BOOST_TEST(report.at("targets").at(0).at("key").as_string() == "sk-or-v1-0e6...c96");
}

BOOST_AUTO_TEST_CASE(strict_turns_warnings_into_failure)
{
    test::temp_dir dir;
    dir.write("env.yaml", env_yaml(good_url + "/", key, "openai/gpt-4o"));
    BOOST_TEST(ngdoctor({"check-all", "--offline"}, dir.path()).exit_code == 0);
    BOOST_TEST(ngdoctor({"check-all", "--offline", "--strict"}, dir.path()).exit_code == 1);
}

BOOST_AUTO_TEST_CASE(env_file_option_is_used_instead_of_the_search)
{
    test::temp_dir dir;
    const auto file = dir.write("elsewhere/my-env.yaml", env_yaml(good_url, "sk-or-your-key", "openai/gpt-4o"));
    const auto r = ngdoctor({"check", "key.format", "--offline", "--json", "--env-file", file.string()}, dir.path());
    const auto report = boost::json::parse(r.out);
    BOOST_TEST(status_of(report, "key.format") == "fail");
    BOOST_TEST(r.exit_code == 1);
}

BOOST_AUTO_TEST_CASE(an_env_file_that_is_not_a_file_is_a_usage_error)
{
    test::temp_dir dir;
    std::filesystem::create_symlink("loop-b", dir.path() / "loop-a");
    std::filesystem::create_symlink("loop-a", dir.path() / "loop-b");
    const std::pair<std::string, std::string> cases[] = {
        {dir.path().string(), "is a folder, not a file"},
        {"", "is an empty path"},
        {"/dev/zero", "is a device, not a file"},
        {(dir.path() / "loop-a").string(), "is a symlink loop"},
    };
    for (const auto& [path, why] : cases)
        for (const std::vector<std::string>& command :
             {std::vector<std::string>{"check-all", "--offline"}, {"check", "config.env_file", "--offline"},
              {"dump-config"}, {"triage", "-"}}) {
            auto args = command;
            args.insert(args.end(), {"--env-file", path});
            const auto r = ngdoctor(args, dir.path());
            BOOST_TEST(r.exit_code == 2, command.front() << " --env-file '" << path << "'");
            BOOST_TEST(r.err.find("--env-file '" + path + "' " + why) != std::string::npos, r.err);
            BOOST_TEST(r.out.empty(), r.out);
        }
}

BOOST_AUTO_TEST_CASE(a_found_env_yaml_that_is_a_folder_fails_as_nemo_gym_does)
{
    // NeMo Gym takes the first env.yaml that exists, a folder included, and stops reading it.
    test::temp_dir dir;
    std::filesystem::create_directory(dir.path() / "env.yaml");
    const auto r = ngdoctor({"check", "config.env_file", "--offline", "--json"}, dir.path());
    const auto report = boost::json::parse(r.out);
    BOOST_TEST(status_of(report, "config.env_file") == "fail");
    BOOST_TEST(r.out.find("it is a folder, not a file") != std::string::npos, r.out);
    BOOST_TEST(r.exit_code == 1);
}

BOOST_AUTO_TEST_CASE(a_found_env_yaml_that_is_a_symlink_loop_is_a_warning)
{
    // Python's Path.exists() is False for a loop: NeMo Gym runs as if there were no env.yaml.
    test::temp_dir dir;
    std::filesystem::create_symlink("env.yaml", dir.path() / "env.yaml");
    const auto r = ngdoctor({"check", "config.env_file", "--offline", "--json"}, dir.path());
    const auto report = boost::json::parse(r.out);
    BOOST_TEST(status_of(report, "config.env_file") == "warn");
    BOOST_TEST(r.out.find("is a symlink loop, so NeMo Gym treats it as missing") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(no_config_at_all_says_what_is_missing)
{
    test::temp_dir dir;
    const auto r = ngdoctor({"check", "key", "base_url", "model", "--offline"}, dir.path());
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(r.out.find("no API key is set (policy_api_key)") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("no base URL is set (policy_base_url)") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("no model is set (policy_model_name)") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2_with_did_you_mean)
{
    test::temp_dir dir;
    auto r = ngdoctor({"check-all", "--ofline"}, dir.path());
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("did you mean --offline") != std::string::npos, r.err);
    BOOST_TEST(r.out.empty());
    r = ngdoctor({"check", "key.stauts"}, dir.path());
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("did you mean key.status") != std::string::npos, r.err);
    r = ngdoctor({"chekc-all"}, dir.path());
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("did you mean check-all") != std::string::npos, r.err);
    r = ngdoctor({"check-all", "--connect-to", "nonsense"}, dir.path());
    BOOST_TEST(r.exit_code == 2);
    r = ngdoctor({"check-all", "--timeout", "soon"}, dir.path());
    BOOST_TEST(r.exit_code == 2);
    // Not finite, negative or absurd: a usage error, never a negative or overflowing duration.
    for (const auto& [option, value] : std::vector<std::pair<std::string, std::string>>{
             {"--timeout", "nan"}, {"--timeout", "inf"}, {"--timeout", "-1"}, {"--deadline", "9e18"},
             {"--deadline", "0"}, {"--timeout", "86401"}}) {
        r = ngdoctor({"check-all", "--offline", option, value}, dir.path());
        BOOST_TEST(r.exit_code == 2, option << " " << value);
        BOOST_TEST(r.err.find(option + " must be a number of seconds") != std::string::npos, r.err);
    }
    r = ngdoctor({"explain", "key.fromat"}, dir.path());
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("did you mean key.format") != std::string::npos, r.err);
    r = ngdoctor({}, dir.path());
    BOOST_TEST(r.exit_code == 2);
}

BOOST_AUTO_TEST_CASE(version_help_list_and_explain)
{
    auto r = ngdoctor({"--version"});
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out == "ngdoctor 0.1.0\n");
    r = ngdoctor({"--help"});
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out.find("check-all") != std::string::npos);
    for (const char* command : {"check-all", "check", "list-checks", "dump-config", "explain"}) {
        r = ngdoctor({command, "--help"});
        BOOST_TEST(r.exit_code == 0, command);
        BOOST_TEST(r.out.find("Usage: ngdoctor") != std::string::npos, command);
    }
    r = ngdoctor({"list-checks"});
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out.find("inference.probe") != std::string::npos);
    r = ngdoctor({"list-checks", "--json"});
    const auto rows = boost::json::parse(r.out).as_array();
    BOOST_TEST(rows.size() == 20u);
    BOOST_TEST(rows.at(0).at("id").as_string() == "config.env_file");
    r = ngdoctor({"explain", "key.format"});
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out.find("# key.format") == 0u, r.out.substr(0, 80));
}

BOOST_AUTO_TEST_CASE(every_check_has_a_docs_page)
{
    const auto rows = boost::json::parse(ngdoctor({"list-checks", "--json"}).out).as_array();
    for (const auto& row : rows) {
        const std::string id(row.at("id").as_string());
        const auto r = ngdoctor({"explain", id});
        BOOST_TEST(r.exit_code == 0, id);
        BOOST_TEST(r.out.find("# " + id) == 0u, id);
    }
    // The causes only triage finds have their pages too.
    for (const std::string id : {"run.startup", "run.judge", "run.unexplained"}) {
        const auto r = ngdoctor({"explain", id});
        BOOST_TEST(r.exit_code == 0, id);
        BOOST_TEST(r.out.find("# " + id) == 0u, id);
    }
}
