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
