#define BOOST_TEST_MODULE config_dump
#include <boost/test/unit_test.hpp>

#include "config/dump.hpp"
#include "config/redact.hpp"
#include "support/temp_dir.hpp"

using namespace ngd::config;

namespace {

const std::string fake_key = "sk-or-v1-" + std::string("fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210");

dump_request request_in(const ngd::test::temp_dir& dir, std::vector<std::string> overrides = {})
{
    dump_request r;
    r.resolve.cwd = dir.path().string();
    r.resolve.overrides = std::move(overrides);
    r.resolve.env = [](std::string_view) { return std::optional<std::string>(); };
    r.resolve.find_port = [](int low, int, const std::vector<int>&) { return std::optional<int>(low); };
    r.resolve.python_version = [] { return std::optional<std::string>(); };
    return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(secrets_never_leave_by_default)
{
    ngd::test::temp_dir dir;
    dir.write("env.yaml", "policy_api_key: " + fake_key + "\nAPI_KEY: " + fake_key + "\npassword: hunter2hunter2\n"
                          "note: use " + fake_key + " here\nheaders: {Authorization: Bearer " + fake_key + "}\n"
                          "l: [" + fake_key + "]\nmax_tokens: 5\n");
    for (auto format : {dump_request::format::yaml, dump_request::format::json}) {
        auto r = request_in(dir);
        r.as = format;
        auto out = dump_config(r);
        BOOST_TEST(out.exit_code == 0);
        BOOST_TEST(out.out.find(fake_key) == std::string::npos);
        BOOST_TEST(out.err.find(fake_key) == std::string::npos);
        BOOST_TEST(out.out.find("hunter2") == std::string::npos);
        BOOST_TEST(out.out.find("use ****") != std::string::npos);
    }
    auto yaml = dump_config(request_in(dir)).out;
    BOOST_TEST(yaml.find("max_tokens: '****'") != std::string::npos);  // NeMo Gym's own over-redaction
    BOOST_TEST(yaml.substr(yaml.size() - 2) == "\n\n");                 // print() adds a blank line
}

BOOST_AUTO_TEST_CASE(show_secrets_prints_and_warns)
{
    ngd::test::temp_dir dir;
    dir.write("env.yaml", "policy_api_key: " + fake_key + "\n");
    auto r = request_in(dir);
    r.show_secrets = true;
    auto out = dump_config(r);
    BOOST_TEST(out.out.find(fake_key) != std::string::npos);
    BOOST_TEST(out.err.find("--show-secrets") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_input_exits_1_with_one_message)
{
    struct bad {
        std::string env_yaml;
        std::vector<std::string> overrides;
        std::string expected;
    };
    std::vector<bad> cases{
        {"a: [1, 2\n", {}, "Error: Malformed YAML in '"},
        {"a: 1\n", {"+a=[1"}, "Error when parsing index: 0"},
        {"a: ${b\n", {}, "GrammarParseError: "},
        {"a: ${nope:1}\n", {}, "Error: Unsupported interpolation type nope"},
        {"a: 1\n", {"+config_paths=[missing.yaml]"}, "Error: config_paths entry 'missing.yaml' was not found."},
        {"a: ${b}\nb: ${a}\n", {}, "Error: Recursive interpolation detected"},
        {"k: " + fake_key + "\nx: ${nope}\n", {}, "Error: Config value 'x' references 'nope'"},
    };
    for (auto& c : cases) {
        ngd::test::temp_dir dir;
        dir.write("env.yaml", c.env_yaml);
        auto out = dump_config(request_in(dir, c.overrides));
        BOOST_TEST(out.exit_code == 1, c.expected);
        BOOST_TEST(out.out.empty());
        BOOST_TEST(out.err.find(c.expected) != std::string::npos, out.err);
        BOOST_TEST(out.err.find(fake_key) == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(show_origin_marks_leaves)
{
    ngd::test::temp_dir dir;
    dir.write("env.yaml", "a: 1\n");
    auto r = request_in(dir, {"+b=2"});
    r.show_origin = true;
    auto out = dump_config(r).out;
    BOOST_TEST(out.find("a: 1  # env.yaml:1\n") != std::string::npos);
    BOOST_TEST(out.find("b: 2  # override\n") != std::string::npos);
    BOOST_TEST(out.find("dry_run: false  # default\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(masking_helpers)
{
    BOOST_TEST(mask_credentials_in("Bearer abcdefgh") == "Bearer ****");
    BOOST_TEST(mask_credentials_in("x sk-or-v1-abc y") == "x **** y");
    BOOST_TEST(mask_credentials_in("task-or-job") == "task-or-job");
    BOOST_TEST(masked_key(fake_key) == fake_key.substr(0, 12) + "..." + fake_key.substr(fake_key.size() - 3));
    BOOST_TEST(nemo_gym_masks_key("monkey"));
    BOOST_TEST(!nemo_gym_masks_key("API_KEY"));
    BOOST_TEST(superset_masks_key("API_KEY"));
}
