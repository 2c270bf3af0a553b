#define BOOST_TEST_MODULE checks_config_resolve
#include <boost/test/unit_test.hpp>

#include "config_check_world.hpp"

BOOST_AUTO_TEST_CASE(resolving_config_is_ok)
{
    world w;
    w.dir.write("env.yaml", "policy_api_key: " + fake_key + "\n");
    auto f = w.run(ngd::checks::config_resolve);
    BOOST_TEST((f.state == status::ok));
    no_key_in(f);
}

BOOST_AUTO_TEST_CASE(missing_key_fails_with_nemo_gym_text_and_fix)
{
    world w;
    w.dir.write("env.yaml", "srv:\n  k: ${policy_api_key}\n");
    auto f = w.run(ngd::checks::config_resolve);
    BOOST_TEST((f.state == status::fail));
    BOOST_TEST(f.summary.find("ConfigInterpolationError: Config value 'srv.k' references 'policy_api_key'") !=
               std::string::npos, f.summary);
    BOOST_TEST(f.remedy.commands.front() == "read -rs value && ngdoctor dump-config ++policy_api_key=\"$value\"");
    BOOST_TEST(everything(f).find("at env.yaml:2") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_error_kind_has_a_fix)
{
    std::vector<std::pair<std::string, std::vector<std::string>>> inputs{
        {"a: ${oc.env:NGD_NOT_SET}\n", {}}, {"a: ${b}\nb: ${a}\n", {}}, {"a: ${x:1}\n", {}}, {"a: ${b\n", {}},
        {"a: 1\n", {"+config_paths=[nope.yaml]"}}, {"a: ???\n", {}}, {"a: 1\n", {"a=2"}},
        {"a: 1\na: 2\n", {}}, {"config_paths: x.yaml\n", {}}};
    for (auto& [text, overrides] : inputs) {
        world w;
        w.dir.write("env.yaml", text);
        w.overrides = overrides;
        auto f = w.run(ngd::checks::config_resolve);
        BOOST_TEST((f.state == status::fail), text);
        BOOST_TEST(!f.remedy.text.empty(), text);
        BOOST_TEST((f.error == ngd::net::error_class::config));
    }
}

BOOST_AUTO_TEST_CASE(a_key_quoted_in_an_error_is_masked)
{
    world w;
    w.overrides = {"+a=" + fake_key, "~a=other"};
    auto f = w.run(ngd::checks::config_resolve);
    BOOST_TEST((f.state == status::fail));
    no_key_in(f);
}

BOOST_AUTO_TEST_CASE(warnings_nemo_gym_prints_make_a_warning)
{
    world w;
    w.dir.write("a.yaml", "config_paths: [c.yaml]\n");
    w.dir.write("b.yaml", "config_paths: [c.yaml]\n");
    w.dir.write("c.yaml", "c: 1\n");
    w.overrides = {"+config_paths=[a.yaml,b.yaml]"};
    auto f = w.run(ngd::checks::config_resolve);
    BOOST_TEST((f.state == status::warn));
    BOOST_TEST(everything(f).find("Duplicate config paths") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_first_line_is_not_repeated)
{
    world w;
    w.overrides = {"+config_paths=[nope.yaml]"};
    auto f = w.run(ngd::checks::config_resolve);
    BOOST_TEST((f.state == status::fail));
    BOOST_TEST(f.summary.find("ConfigPathNotFoundError: config_paths entry 'nope.yaml' was not found") != std::string::npos);
    BOOST_TEST((f.details.empty() || f.details.front().find("was not found") == std::string::npos));
}

// OmegaConf raises ConfigTypeError when a mapping meets a list (issue 8 item 1): the finding
// names the key and both places.
BOOST_AUTO_TEST_CASE(a_list_merged_with_a_mapping_fails_with_both_places)
{
    world w;
    w.dir.write("a.yaml", "eta: [a, b]\n");
    w.dir.write("b.yaml", "eta:\n  x: 1\n");
    w.overrides = {"+config_paths=[a.yaml,b.yaml]"};
    auto f = w.run(ngd::checks::config_resolve);
    BOOST_TEST((f.state == status::fail));
    BOOST_TEST(f.summary.find("ConfigTypeError: Cannot merge DictConfig with ListConfig") != std::string::npos, f.summary);
    BOOST_TEST(everything(f).find("at b.yaml:2") != std::string::npos, everything(f));
    BOOST_TEST(f.remedy.text.find("'eta'") != std::string::npos, f.remedy.text);
    BOOST_TEST(f.remedy.text.find("a.yaml:1") != std::string::npos, f.remedy.text);
}

BOOST_AUTO_TEST_CASE(a_list_in_env_yaml_under_a_mapping_override_fails)
{
    world w;
    w.dir.write("env.yaml", "eta: [a]\n");
    w.overrides = {"++eta={x: 1}"};
    auto f = w.run(ngd::checks::config_resolve);
    BOOST_TEST((f.state == status::fail));
    BOOST_TEST(f.summary.find("ConfigTypeError") != std::string::npos, f.summary);
    BOOST_TEST(f.remedy.text.find("env.yaml:1") != std::string::npos, f.remedy.text);
}

// NeMo Gym's AlmostServerError (issue 8 item 2): the pydantic errors are the details, the
// place is the line of the value at fault, and the config dump is not repeated.
BOOST_AUTO_TEST_CASE(an_almost_server_fails_at_the_line_of_the_bad_value)
{
    world w;
    w.dir.write("env.yaml", "policy_api_key: " + fake_key + "\n");
    w.dir.write("a.yaml", "agent:\n  responses_api_agents:\n    simple_agent:\n      entrypoint: app.py\n"
                          "      datasets:\n      - name: train\n        type: train\n"
                          "        jsonl_fpath: data/train.jsonl\n        license: GPL\n");
    w.overrides = {"+config_paths=[a.yaml]"};
    auto f = w.run(ngd::checks::config_resolve);
    BOOST_TEST((f.state == status::fail));
    BOOST_TEST(f.summary.find("AlmostServerError: Found 1 almost-server(s)") != std::string::npos, f.summary);
    auto all = everything(f);
    BOOST_TEST(all.find("at a.yaml:9") != std::string::npos, all);
    BOOST_TEST(all.find("license: Must be one of: 'Apache 2.0'") != std::string::npos, all);
    BOOST_TEST(all.find("Found global config dict yaml") == std::string::npos, all);
    no_key_in(f);
}
