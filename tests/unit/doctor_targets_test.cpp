#define BOOST_TEST_MODULE doctor_targets
#include <boost/test/unit_test.hpp>

#include "doctor/target.hpp"

using namespace ngd;
using config::node;

namespace {

node server_of(const std::string& adapter, config::node_map inner)
{
    inner.insert(inner.begin(), {"entrypoint", node::string("app.py")});
    return node::map({{"responses_api_models", node::map({{adapter, node::map(std::move(inner))}})}});
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_adapter_is_read_through_its_own_keys)
{
    const node root = node::map({
        {"policy_base_url", node::string("https://openrouter.ai/api/v1")},
        {"policy_model", server_of("openai_model", {{"openai_base_url", node::string("https://openrouter.ai/api/v1")},
                                                    {"openai_api_key", node::string("sk-or-v1-a")},
                                                    {"openai_model", node::string("openai/gpt-4o")}})},
        {"judge", server_of("inference_provider", {{"base_url", node::string("https://api.openai.com/v1")},
                                                   {"api_key", node::string("sk-proj-b")},
                                                   {"model", node::string("gpt-4o")}})},
        {"local", server_of("vllm_model", {{"base_url", node::list({node::string("http://127.0.0.1:8000/v1"),
                                                                    node::string("http://127.0.0.1:8001/v1")})},
                                           {"api_key", node::string("EMPTY")},
                                           {"model", node::string("Qwen/Qwen3-8B")}})},
        {"weather", node::map({{"resources_servers", node::map({{"simple_weather", node::map()}})}})},
    });
    const auto targets = doctor::find_targets(root);
    BOOST_REQUIRE_EQUAL(targets.size(), 3u);
    BOOST_TEST(targets[0].name == "policy_model");
    BOOST_TEST(targets[0].adapter == "openai_model");
    BOOST_TEST(*targets[0].api_key.value == "sk-or-v1-a");
    BOOST_TEST(targets[0].api_key.path == "policy_model.responses_api_models.openai_model.openai_api_key");
    BOOST_TEST(*targets[1].base_url.value == "https://api.openai.com/v1");
    BOOST_TEST(*targets[1].model.value == "gpt-4o");
    BOOST_TEST(*targets[2].base_url.value == "http://127.0.0.1:8000/v1");
    BOOST_TEST(targets[2].extra_base_urls == std::vector<std::string>{"http://127.0.0.1:8001/v1"});
    BOOST_TEST(targets[2].server != nullptr);
}

BOOST_AUTO_TEST_CASE(without_a_model_server_the_policy_keys_form_one_target)
{
    const node root = node::map({{"policy_base_url", node::string("https://openrouter.ai/api/v1")},
                                 {"policy_api_key", node::string("sk-or-v1-a")},
                                 {"policy_model_name", node::string("openai/gpt-4o")}});
    const auto targets = doctor::find_targets(root);
    BOOST_REQUIRE_EQUAL(targets.size(), 1u);
    BOOST_TEST(targets[0].name == "policy");
    BOOST_TEST(*targets[0].model.value == "openai/gpt-4o");
    BOOST_TEST(targets[0].model.path == "policy_model_name");
}

BOOST_AUTO_TEST_CASE(an_unknown_adapter_is_no_target_and_an_empty_config_still_has_one)
{
    const node root = node::map({{"policy_model", server_of("openrouter_model", {})}});
    const auto targets = doctor::find_targets(root);
    BOOST_REQUIRE_EQUAL(targets.size(), 1u);
    BOOST_TEST(targets[0].name == "policy");
    BOOST_TEST(!targets[0].api_key.value);
    BOOST_TEST(doctor::find_targets(node::map()).size() == 1u);
}

BOOST_AUTO_TEST_CASE(unresolved_and_null_values_are_told_apart)
{
    const node root = node::map({{"policy_api_key", node::unresolved("${oops}", "Interpolation key 'oops' not found")},
                                 {"policy_model_name", node::null()}});
    const auto t = doctor::find_targets(root).at(0);
    BOOST_TEST(t.api_key.unresolved);
    BOOST_TEST(*t.api_key.value == "${oops}");
    BOOST_TEST(!t.model.value);
    BOOST_TEST(!t.model.unresolved);
}
