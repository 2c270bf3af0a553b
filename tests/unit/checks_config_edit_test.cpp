// A fix that is a config change, as data: where the value is written, the key, the new value.
#define BOOST_TEST_MODULE checks_config_edit
#include <boost/test/unit_test.hpp>

#include "checks/config_edit.hpp"

using namespace ngd;

BOOST_AUTO_TEST_CASE(a_value_written_in_a_file_is_edited_at_its_line)
{
    doctor::target_field field{"policy_base_url", "https://openrouter.ai/v1",
                               config::origin::in_file("/home/u/env.yaml", 3, 18)};
    const auto e = checks::edit_of(field, std::string("https://openrouter.ai/api/v1"));
    BOOST_TEST(e.file == "/home/u/env.yaml");
    BOOST_TEST(e.line == 3);
    BOOST_TEST(e.key == "policy_base_url");
    BOOST_TEST(e.value.value_or("") == "https://openrouter.ai/api/v1");
    BOOST_TEST(!e.secret);
}

BOOST_AUTO_TEST_CASE(a_value_from_an_override_or_nowhere_has_no_file_and_no_line)
{
    for (const auto& where : {config::origin::of_override(), config::origin::of_default(), config::origin{}}) {
        doctor::target_field field{"policy_model_name", "gpt-4o", where};
        const auto e = checks::edit_of(field, std::string("openai/gpt-4o"));
        BOOST_TEST(e.file.empty());
        BOOST_TEST(e.line == 0);
        BOOST_TEST(e.key == "policy_model_name");
    }
}

BOOST_AUTO_TEST_CASE(a_new_key_is_a_secret_edit_whose_value_only_the_user_knows)
{
    doctor::target_field field{"policy_api_key", "sk-or-v1-" + std::string(64, 'b'),
                               config::origin::in_file("env.yaml", 2, 17)};
    const auto f = checks::with_edit({"create a new key", {}}, checks::edit_of(field, std::nullopt, true));
    BOOST_REQUIRE_EQUAL(f.edits.size(), 1u);
    BOOST_TEST(f.edits[0].secret);
    BOOST_TEST(!f.edits[0].value.has_value());
    BOOST_TEST(f.text == "create a new key");
}
