#define BOOST_TEST_MODULE checks_config_secrets
#include <boost/test/unit_test.hpp>

#include "config_check_world.hpp"

BOOST_AUTO_TEST_CASE(clean_config_is_ok)
{
    world w;
    w.dir.write("env.yaml", "policy_api_key: " + fake_key + "\nauth: Bearer ${policy_api_key}\n");
    auto f = w.run(ngd::checks::config_secrets);
    BOOST_TEST((f.state == status::ok), everything(f));
}

BOOST_AUTO_TEST_CASE(config_dict_exported_warns)
{
    world w;
    w.environment["NEMO_GYM_CONFIG_DICT"] = "policy_api_key: " + fake_key + "\n";
    auto f = w.run(ngd::checks::config_secrets);
    BOOST_TEST((f.state == status::warn));
    BOOST_TEST(f.summary.find("NEMO_GYM_CONFIG_DICT") != std::string::npos);
    no_key_in(f);
}

BOOST_AUTO_TEST_CASE(keys_in_hydra_outputs_warn)
{
    world w;
    w.dir.write("outputs/2026-01-01/10-00-00/.hydra/overrides.yaml", "- +policy_api_key=" + fake_key + "\n");
    w.dir.write("outputs/2026-01-01/10-00-00/.hydra/hydra.yaml", "a: 1\n");
    auto f = w.run(ngd::checks::config_secrets);
    BOOST_TEST((f.state == status::warn));
    BOOST_TEST(everything(f).find("outputs/2026-01-01/10-00-00/.hydra/overrides.yaml") != std::string::npos);
    BOOST_TEST(everything(f).find("hydra.yaml") == std::string::npos);
    no_key_in(f);
}

BOOST_AUTO_TEST_CASE(names_nemo_gym_misses_warn)
{
    for (auto text : {std::string("API_KEY: ") + fake_key, std::string("Token: abcdefabcdef"), std::string("password: hunter22"),
                      std::string("headers: {Authorization: Bearer ") + fake_key + "}", std::string("note: ") + fake_key}) {
        world w;
        w.dir.write("env.yaml", text + "\n");
        auto f = w.run(ngd::checks::config_secrets);
        BOOST_TEST((f.state == status::warn), text);
        BOOST_TEST(f.summary.find("redaction does not mask") != std::string::npos);
        no_key_in(f);
    }
}
