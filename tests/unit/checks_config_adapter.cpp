#define BOOST_TEST_MODULE checks_config_adapter
#include <boost/test/unit_test.hpp>

#include "config_check_world.hpp"

namespace {

std::string openai_model(const std::string& base)
{
    return "policy_model:\n  responses_api_models:\n    openai_model:\n      entrypoint: app.py\n      openai_base_url: " +
           base + "\n      openai_api_key: ${policy_api_key}\n      openai_model: openai/gpt-4o-mini\n      port: 12000\n"
           "policy_api_key: " + fake_key + "\n";
}

}  // namespace

BOOST_AUTO_TEST_CASE(openai_model_on_openrouter_is_ok)
{
    world w;
    w.dir.write("env.yaml", openai_model("https://openrouter.ai/api/v1"));
    auto f = w.run(ngd::checks::config_adapter);
    BOOST_TEST((f.state == status::ok), f.summary);
    no_key_in(f);
}

BOOST_AUTO_TEST_CASE(openai_model_on_a_chat_only_host_warns)
{
    world w;
    w.dir.write("env.yaml", openai_model("http://localhost:8000/v1"));
    auto f = w.run(ngd::checks::config_adapter);
    BOOST_TEST((f.state == status::warn));
    BOOST_TEST(f.summary.find("http://localhost:8000/v1/responses") != std::string::npos, f.summary);
    BOOST_TEST(f.remedy.text.find("inference_provider") != std::string::npos);
    BOOST_TEST(f.remedy.commands.front().find("$OPENROUTER_API_KEY") != std::string::npos);
    no_key_in(f);
}

BOOST_AUTO_TEST_CASE(a_path_naming_a_missing_adapter_fails)
{
    world w;
    w.overrides = {"+config_paths=[responses_api_models/openrouter_model/configs/openrouter_model.yaml]"};
    auto f = w.run(ngd::checks::config_adapter);
    BOOST_TEST((f.state == status::fail));
    BOOST_TEST(f.summary.find("openrouter_model") != std::string::npos);
    BOOST_TEST(f.remedy.text.find("openai_model") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_and_empty_keys_fail)
{
    world w;
    w.dir.write("env.yaml", "m:\n  responses_api_models:\n    inference_provider:\n      entrypoint: app.py\n"
                            "      base_url: https://openrouter.ai/api/v1\n      api_key: ''\n      port: 1\n");
    auto f = w.run(ngd::checks::config_adapter);
    BOOST_TEST((f.state == status::fail));
    BOOST_TEST(everything(f).find("has no model") != std::string::npos, everything(f));
    BOOST_TEST(everything(f).find("api_key is empty") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_model_server_is_ok)
{
    world w;
    w.dir.write("env.yaml", "policy_api_key: " + fake_key + "\n");
    auto f = w.run(ngd::checks::config_adapter);
    BOOST_TEST((f.state == status::ok));
    BOOST_TEST(f.summary.find("no model server") != std::string::npos);
}

// A copied openrouter_model.yaml resolves, but NeMo Gym still has no such adapter to run.
BOOST_AUTO_TEST_CASE(an_openrouter_adapter_fails_even_when_its_files_exist)
{
    world w;
    w.dir.write("responses_api_models/openrouter_model/configs/openrouter_model.yaml",
                "policy_model:\n  responses_api_models:\n    openrouter_model:\n      entrypoint: app.py\n"
                "      base_url: https://openrouter.ai/api/v1\n      api_key: " + fake_key +
                    "\n      model: openai/gpt-4o-mini\n");
    w.overrides = {"+config_paths=[responses_api_models/openrouter_model/configs/openrouter_model.yaml]"};
    auto f = w.run(ngd::checks::config_adapter);
    BOOST_TEST((f.state == status::fail), f.summary);
    BOOST_TEST(f.summary.find("openrouter_model") != std::string::npos, f.summary);
    BOOST_TEST(f.remedy.text.find("openai_model") != std::string::npos);
    BOOST_TEST(f.remedy.text.find("inference_provider") != std::string::npos);
    no_key_in(f);
}

BOOST_AUTO_TEST_CASE(an_openrouter_adapter_written_inline_fails)
{
    world w;
    w.dir.write("env.yaml", "policy_model:\n  responses_api_models:\n    openrouter_model:\n      entrypoint: app.py\n"
                            "      base_url: https://openrouter.ai/api/v1\n      model: openai/gpt-4o-mini\n");
    auto f = w.run(ngd::checks::config_adapter);
    BOOST_TEST((f.state == status::fail), f.summary);
    BOOST_TEST(f.remedy.text.find("inference_provider") != std::string::npos);
}
