#define BOOST_TEST_MODULE config_resolve
#include <boost/test/unit_test.hpp>

#include "config/resolve.hpp"
#include "support/temp_dir.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

using namespace ngd::config;

namespace {

const std::string fake_key = "sk-or-v1-" + std::string("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

const char* openai_model_yaml = R"(policy_model:
  responses_api_models:
    openai_model:
      entrypoint: app.py
      openai_base_url: ${policy_base_url}
      openai_api_key: ${policy_api_key}
      openai_model: ${policy_model_name}
      openai_default_headers: {}
      drop_input_reasoning_items: ${oc.env:POLICY_DROP_REASONING_ITEMS,false}
)";

struct fixture {
    ngd::test::temp_dir dir;
    std::map<std::string, std::string> environment;

    resolve_options options(std::vector<std::string> overrides = {})
    {
        resolve_options o;
        o.cwd = dir.path().string();
        o.overrides = std::move(overrides);
        o.env = [this](std::string_view name) -> std::optional<std::string> {
            auto it = environment.find(std::string(name));
            if (it == environment.end()) return std::nullopt;
            return it->second;
        };
        o.find_port = [](int low, int, const std::vector<int>& disallowed) {
            int p = low;
            while (std::find(disallowed.begin(), disallowed.end(), p) != disallowed.end()) ++p;
            return std::optional<int>(p);
        };
        o.python_version = [] { return std::optional<std::string>("3.13.14"); };
        return o;
    }

    void quick_start()
    {
        dir.write("env.yaml", "policy_base_url: https://openrouter.ai/api/v1\npolicy_api_key: " + fake_key +
                                  "\npolicy_model_name: openai/gpt-4o-mini\n");
        dir.write("responses_api_models/openai_model/configs/openai_model.yaml", openai_model_yaml);
    }
};

const node& at(const resolution& r, std::string_view path)
{
    const node* n = r.root.find_path(path);
    BOOST_TEST_REQUIRE(n != nullptr, "missing " << path);
    return *n;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(quick_start_resolves_with_origins, fixture)
{
    quick_start();
    auto r = resolve(options({"+config_paths=[responses_api_models/openai_model/configs/openai_model.yaml]"}));
    BOOST_TEST_REQUIRE(r.ok(), (r.error ? r.error->text() : ""));
    const node& key = at(r, "policy_model.responses_api_models.openai_model.openai_api_key");
    BOOST_TEST(key.as_string() == fake_key);
    // a whole-string interpolation takes the origin of the value it resolved to
    BOOST_TEST(key.where().text() == "env.yaml:2");
    const node& drop = at(r, "policy_model.responses_api_models.openai_model.drop_input_reasoning_items");
    BOOST_TEST(drop.as_string() == "False");
    BOOST_TEST(at(r, "policy_model.responses_api_models.openai_model.port").as_int() == 10001);
    BOOST_TEST(at(r, "policy_model.responses_api_models.openai_model.port").where().text() == "default");
    BOOST_TEST(at(r, "python_version").as_string() == "3.13.14");
    BOOST_TEST(r.env_file.value_or("") == (dir.path() / "env.yaml").string());
    BOOST_TEST(r.config_paths.size() == 1u);
    BOOST_TEST(r.server_instances == std::vector<std::string>{"policy_model"});
}

BOOST_FIXTURE_TEST_CASE(appended_defaults_come_in_nemo_gym_order, fixture)
{
    dir.write("env.yaml", "a: 1\n");
    auto r = resolve(options());
    BOOST_TEST_REQUIRE(r.ok());
    std::vector<std::string> keys;
    for (auto& [k, v] : r.root.entries()) keys.push_back(k);
    std::vector<std::string> want{"a", "use_absolute_ip", "port_range_low", "port_range_high", "head_server",
                                  "disallowed_ports", "allow_openai_version_skew", "python_version",
                                  "skip_venv_if_present", "dry_run", "model_endpoint_readiness_timeout_seconds",
                                  "results_dir", "cache_dir", "uv_cache_dir", "uv_venv_dir"};
    BOOST_TEST(keys == want, boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(overrides_keep_their_types, fixture)
{
    auto r = resolve(options({"+a=10", "+b=1_000", "+c=inf", "+d=yes", "+e=null", "+f=[1,x]", "+g={k:true}",
                              "++h='10'", "+i=${a}"}));
    BOOST_TEST_REQUIRE(r.ok());
    BOOST_TEST(at(r, "a").as_int() == 10);
    BOOST_TEST(at(r, "b").as_int() == 1000);
    BOOST_TEST(std::isinf(at(r, "c").as_float()));
    BOOST_TEST(at(r, "d").as_string() == "yes");
    BOOST_TEST(at(r, "e").is_null());
    BOOST_TEST(at(r, "f").items().size() == 2u);
    BOOST_TEST(at(r, "g.k").as_bool());
    BOOST_TEST(at(r, "h").as_string() == "10");
    BOOST_TEST(at(r, "i").as_int() == 10);
    BOOST_TEST(at(r, "a").where().text() == "override");
}

BOOST_FIXTURE_TEST_CASE(partial_resolution_keeps_other_servers, fixture)
{
    dir.write("env.yaml", "good:\n  v: ${x}\nx: 1\nbad:\n  v: ${nope}\n");
    auto r = resolve(options());
    BOOST_TEST_REQUIRE(!r.ok());
    BOOST_TEST(r.error->type == "ConfigInterpolationError");
    BOOST_TEST(r.error->message.find("Config value 'bad.v' references 'nope'") == 0u);
    BOOST_TEST(r.error->where.text() == "env.yaml:5");
    BOOST_TEST(at(r, "good.v").as_int() == 1);
    BOOST_TEST((at(r, "bad.v").type() == node::kind::unresolved));
    BOOST_TEST(at(r, "bad.v").as_string() == "${nope}");
}

BOOST_FIXTURE_TEST_CASE(malformed_yaml_names_line_and_column, fixture)
{
    dir.write("env.yaml", "a: 1\nb: 2\na: 3\n");
    auto r = resolve(options());
    BOOST_TEST_REQUIRE(!r.ok());
    BOOST_TEST(r.error->message == "Malformed YAML in '" + (dir.path() / "env.yaml").string() +
                                       "' at line 3, column 1: found duplicate key a");
    BOOST_TEST(r.error->printed().rfind("Error: Malformed YAML", 0) == 0u);
}

// Regression inputs found by fuzzing: a sequence or mapping as a key used to be attached
// with no key (a null dereference); PyYAML rejects both as unhashable.
BOOST_FIXTURE_TEST_CASE(a_collection_as_key_is_a_yaml_error, fixture)
{
    for (const char* text : {"? [a, b]\n: c\n", "a: 1\n{foo: 1}\n", "? {x: 1}\n: [1]\nb: 2\n"}) {
        dir.write("env.yaml", text);
        auto r = resolve(options());
        BOOST_TEST_REQUIRE(!r.ok(), text);
        BOOST_TEST(r.error->message.find("Malformed YAML in '") == 0u, text);
    }
}

BOOST_FIXTURE_TEST_CASE(tab_is_an_error, fixture)
{
    dir.write("env.yaml", "a:\n\tb: 1\n");
    auto r = resolve(options());
    BOOST_TEST_REQUIRE(!r.ok());
    BOOST_TEST(r.error->message.find("at line 2, column 1: found character '\\t' that cannot start any token") !=
               std::string::npos);
}

// A quote never closed swallows the rest of the file in yaml-cpp; PyYAML stops at the end of
// the stream. The error points at the opening quote, not at a key "containing a space".
BOOST_FIXTURE_TEST_CASE(an_unclosed_quote_is_a_yaml_error_at_the_quote, fixture)
{
    dir.write("env.yaml", "policy_base_url: https://openrouter.ai/api/v1\npolicy_api_key: \"sk-or-v1-abc\n"
                          "policy_model_name: openai/gpt-4o-mini\n");
    auto r = resolve(options());
    BOOST_TEST_REQUIRE(!r.ok());
    BOOST_TEST(r.error->message.find("at line 2, column 17: while scanning a quoted scalar: found unexpected end of "
                                     "stream") != std::string::npos,
               r.error->message);
    for (const char* fine : {"a: 'it''s'\nb: \"x\\\"y\"\n", "a: don't\n", "a: |\n  \"open\n", "# \"note\na: 1\n"}) {
        dir.write("env.yaml", fine);
        BOOST_TEST(resolve(options()).ok(), fine);
    }
}

BOOST_FIXTURE_TEST_CASE(bad_override_gives_hydra_text, fixture)
{
    auto r = resolve(options({"+a=[1,2"}));
    BOOST_TEST_REQUIRE(!r.ok());
    BOOST_TEST(r.error->type == "HydraError");
    BOOST_TEST(r.error->printed().find("Set the environment variable HYDRA_FULL_ERROR=1") != std::string::npos);
    auto sweep = resolve(options({"+a=1,2"}));
    BOOST_TEST(sweep.error->message.rfind("Ambiguous value for argument '+a=1,2'", 0) == 0u);
    auto change = resolve(options({"a=1"}));
    BOOST_TEST(change.error->message == "Could not override 'a'.\nTo append to your config use +a=1");
}

BOOST_FIXTURE_TEST_CASE(malformed_interpolation_is_a_clear_error, fixture)
{
    dir.write("env.yaml", "a: ${foo\n");
    auto r = resolve(options());
    BOOST_TEST_REQUIRE(!r.ok());
    BOOST_TEST(r.error->type == "GrammarParseError");
    BOOST_TEST(r.error->where.text() == "env.yaml:1");
    BOOST_TEST(r.error->message.find("full_key: a") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(unknown_resolver_and_cycle, fixture)
{
    dir.write("env.yaml", "a: ${foo:1}\n");
    auto r = resolve(options());
    BOOST_TEST(r.error->message == "Unsupported interpolation type foo\n    full_key: a\n    object_type=dict");
    dir.write("env.yaml", "a: ${b}\nb: ${a}\n");
    auto c = resolve(options());
    BOOST_TEST(c.error->message == "Recursive interpolation detected\n    full_key: a\n    object_type=dict");
}

BOOST_FIXTURE_TEST_CASE(missing_file_lists_every_place, fixture)
{
    dir.write("extra/x.txt", "");
    environment["NEMO_GYM_EXTRA_ROOTS"] = (dir.path() / "extra").string();
    auto r = resolve(options({"+config_paths=[nope/c.yaml]"}));
    BOOST_TEST_REQUIRE(!r.ok());
    BOOST_TEST(r.error->type == "ConfigPathNotFoundError");
    BOOST_TEST(r.error->message.find("  - " + (dir.path() / "extra/nope/c.yaml").string()) != std::string::npos);
    BOOST_TEST(r.error->message.find("  - " + (dir.path() / "nope/c.yaml").string()) != std::string::npos);
    BOOST_TEST(r.config_paths == std::vector<std::string>{"nope/c.yaml"});
}

BOOST_FIXTURE_TEST_CASE(env_yaml_search_records_candidates, fixture)
{
    dir.write("sd/env.yaml", "from: search_dir\n");
    dir.write("env.yaml", "from: cwd\n");
    auto o = options();
    o.search_dirs = {(dir.path() / "sd").string()};
    auto r = resolve(o);
    BOOST_TEST(at(r, "from").as_string() == "search_dir");
    BOOST_TEST(r.env_file_candidates.size() == 2u);
    auto explicit_file = options();
    explicit_file.env_file = "env.yaml";
    BOOST_TEST(at(resolve(explicit_file), "from").as_string() == "cwd");
    auto missing = options();
    missing.env_file = "nope.yaml";
    BOOST_TEST(!resolve(missing).ok());
}

BOOST_FIXTURE_TEST_CASE(config_dict_env_short_circuits, fixture)
{
    dir.write("env.yaml", "ignored: 1\n");
    environment["NEMO_GYM_CONFIG_DICT"] = "a: 1\nb: ${a}\n";
    auto r = resolve(options({"+c=2"}));
    BOOST_TEST(r.from_config_dict_env);
    BOOST_TEST(at(r, "b").as_int() == 1);
    BOOST_TEST(r.root.find("ignored") == nullptr);
    BOOST_TEST(r.root.find("c") == nullptr);
}

BOOST_FIXTURE_TEST_CASE(server_ref_did_you_mean, fixture)
{
    dir.write("env.yaml", R"(model_a:
  responses_api_models:
    openai_model: {entrypoint: app.py, port: 1}
agent:
  responses_api_agents:
    simple_agent:
      entrypoint: app.py
      model_server: {type: responses_api_models, name: model_b}
      port: 2
)");
    auto r = resolve(options());
    BOOST_TEST_REQUIRE(!r.ok());
    BOOST_TEST(r.error->type == "ServerRefNotFoundError");
    BOOST_TEST(r.error->message ==
               "In server instance 'agent', field 'model_server' references responses_api_models/'model_b', which is "
               "not defined in the merged config.\nDid you mean: 'model_a'?");
}

BOOST_FIXTURE_TEST_CASE(missing_values_are_listed, fixture)
{
    dir.write("env.yaml", "a: ???\nb:\n  c: ???\n");
    auto r = resolve(options());
    BOOST_TEST_REQUIRE(!r.ok());
    BOOST_TEST(r.error->type == "ConfigMissingValuesError");
    BOOST_TEST(r.error->message.find("  - a\n  - b.c\n") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(directives_apply, fixture)
{
    dir.write("env.yaml", "a:\n  b:\n    c: 3\na_prime:\n  b_prime: ${inherit_from:a.b.c}\nsrc: {x: 1}\ndst: ${copy:src}\n");
    auto r = resolve(options());
    BOOST_TEST_REQUIRE(r.ok());
    BOOST_TEST(at(r, "a_prime.b_prime").as_int() == 3);
    BOOST_TEST(at(r, "a.b").entries().empty());
    BOOST_TEST(at(r, "dst.x").as_int() == 1);
    BOOST_TEST(at(r, "src.x").as_int() == 1);
}

BOOST_FIXTURE_TEST_CASE(hide_secrets_masks_before_resolving, fixture)
{
    quick_start();
    dir.write("env.yaml", "policy_api_key: " + fake_key + "\nauth: Bearer ${policy_api_key}\nx: ${policy_api_key}\n");
    auto o = options();
    o.hide_secrets = true;
    auto r = resolve(o);
    BOOST_TEST(at(r, "policy_api_key").as_string() == "****");
    BOOST_TEST(at(r, "auth").as_string() == "Bearer ****");
    BOOST_TEST(at(r, "x").as_string() == "****");
}

// Files of one include level are parsed at once; the merge order, the include list and the
// first error must still be those of reading them one by one.
BOOST_FIXTURE_TEST_CASE(many_config_files_merge_and_fail_in_their_order, fixture)
{
    std::string list;
    for (int i = 0; i < 40; ++i) {
        const std::string name = "c" + std::to_string(i) + ".yaml";
        // Every file sets `last`, so the merged value names the last file merged; every
        // tenth includes a file of the next level, which is merged before it.
        std::string text = "last: " + name + "\nfrom_" + std::to_string(i) + ": " + std::to_string(i) + "\n";
        if (i % 10 == 0) {
            text += "config_paths: [n" + std::to_string(i) + ".yaml]\n";
            dir.write("n" + std::to_string(i) + ".yaml", "last: n" + std::to_string(i) + "\nnested: " + std::to_string(i) + "\n");
        }
        dir.write(name, text);
        list += (i ? "," : "") + name;
    }
    auto r = resolve(options({"+config_paths=[" + list + "]"}));
    BOOST_TEST_REQUIRE(r.ok(), r.error->text());
    BOOST_TEST(at(r, "last").as_string() == "c39.yaml");
    BOOST_TEST(at(r, "nested").as_int() == 30);  // n30 merges after n0..n20 and before c31
    BOOST_TEST(at(r, "from_39").as_int() == 39);
    BOOST_TEST_REQUIRE(r.config_paths.size() == 44u);
    BOOST_TEST(r.config_paths[39] == "c39.yaml");
    BOOST_TEST(r.config_paths[40] == "n0.yaml");  // discovered breadth-first
    BOOST_TEST(r.config_paths[43] == "n30.yaml");

    // Two broken files: the first in the list is the error, whichever was parsed first.
    dir.write("c7.yaml", "a: [1\n");
    dir.write("c30.yaml", "b: {\n");
    std::filesystem::remove(dir.path() / "c3.yaml");
    r = resolve(options({"+config_paths=[" + list + "]"}));
    BOOST_TEST_REQUIRE(!r.ok());
    BOOST_TEST(r.error->message.find("config_paths entry 'c3.yaml' was not found") == 0u, r.error->message);
    BOOST_TEST_REQUIRE(r.errors.size() >= 3u);
    BOOST_TEST(r.errors[1].message.find("c7.yaml") != std::string::npos, r.errors[1].message);
    BOOST_TEST(r.errors[2].message.find("c30.yaml") != std::string::npos, r.errors[2].message);
}
