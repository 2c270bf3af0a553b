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

// The integration page's Step 2: inference_provider's key names under openai_model.
BOOST_AUTO_TEST_CASE(chat_key_names_under_openai_model_say_rename_with_file_and_line)
{
    world w;
    w.dir.write("responses_api_models/openai_model/configs/openai_model.yaml",
                "policy_model:\n  responses_api_models:\n    openai_model:\n      entrypoint: app.py\n"
                "      base_url: ${policy_base_url}\n      api_key: ${policy_api_key}\n"
                "      model: ${policy_model_name}\n");
    w.dir.write("env.yaml", "policy_base_url: https://openrouter.ai/api/v1\npolicy_api_key: " + fake_key +
                                "\npolicy_model_name: openai/gpt-4o-mini\n");
    w.overrides = {"+config_paths=[responses_api_models/openai_model/configs/openai_model.yaml]"};
    const std::string file = "responses_api_models/openai_model/configs/openai_model.yaml";
    auto f = w.run(ngd::checks::config_adapter);
    BOOST_TEST((f.state == status::fail), f.summary);
    BOOST_TEST(f.remedy.text.find("rename these three keys") != std::string::npos, f.remedy.text);
    BOOST_TEST(f.remedy.text.find("base_url to openai_base_url") != std::string::npos, f.remedy.text);
    BOOST_TEST(f.remedy.text.find(file + ":5") != std::string::npos, f.remedy.text);
    BOOST_TEST(f.remedy.text.find("api_key to openai_api_key") != std::string::npos, f.remedy.text);
    BOOST_TEST(f.remedy.text.find(file + ":6") != std::string::npos, f.remedy.text);
    BOOST_TEST(f.remedy.text.find("model to openai_model") != std::string::npos, f.remedy.text);
    BOOST_TEST(f.remedy.text.find(file + ":7") != std::string::npos, f.remedy.text);
    BOOST_TEST(everything(f).find("needs openai_base_url") == std::string::npos, everything(f));
    no_key_in(f);

    // The per-target checks say the same, and never ask to copy the key into env.yaml.
    for (auto check : {ngd::checks::key_format, ngd::checks::base_url_format, ngd::checks::model_id_format}) {
        auto g = w.run_on(check, 0);
        BOOST_TEST((g.state == status::fail), g.summary);
        BOOST_TEST(g.remedy.text.find("rename ") != std::string::npos, g.remedy.text);
        BOOST_TEST(g.remedy.text.find(file + ":") != std::string::npos, g.remedy.text);
        BOOST_TEST(everything(g).find("env.yaml") == std::string::npos, everything(g));
        no_key_in(g);
    }
}

// A key really missing: the env.yaml example is nested YAML NeMo Gym reads, not a dotted key.
BOOST_AUTO_TEST_CASE(a_missing_key_is_suggested_as_nested_yaml)
{
    world w;
    w.dir.write("env.yaml", "policy_model:\n  responses_api_models:\n    openai_model:\n      entrypoint: app.py\n"
                            "      openai_base_url: https://openrouter.ai/api/v1\n      openai_model: openai/gpt-4o-mini\n");
    auto f = w.run_on(ngd::checks::key_format, 0);
    BOOST_TEST((f.state == status::fail), f.summary);
    BOOST_TEST(f.remedy.text.find("policy_model: {responses_api_models: {openai_model: {openai_api_key: sk-or-v1-...}}}") !=
                   std::string::npos,
               f.remedy.text);
    BOOST_TEST(f.remedy.text.find("policy_model.responses_api_models") == std::string::npos, f.remedy.text);
}
