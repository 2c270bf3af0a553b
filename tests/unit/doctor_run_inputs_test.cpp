#define BOOST_TEST_MODULE doctor_run_inputs
#include <boost/test/unit_test.hpp>

#include "doctor/run_inputs.hpp"
#include "doctor/token_estimate.hpp"
#include "support/temp_dir.hpp"

#include <boost/json.hpp>

using namespace ngd;

namespace {

/// The run's inputs as read from `overrides` in a folder holding `files`, with NeMo Gym's
/// resolution (nemo-gym spec §2.1: the collection arguments are Hydra overrides).
doctor::run_inputs inputs_of(const test::temp_dir& dir, std::vector<std::string> overrides)
{
    config::resolve_options o;
    o.overrides = std::move(overrides);
    o.cwd = dir.path().string();
    o.env = [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
    o.find_port = [](int low, int, const std::vector<int>&) -> std::optional<int> { return low; };
    o.python_version = [] { return std::optional<std::string>("3.11.2"); };
    const auto resolved = config::resolve(o);
    BOOST_REQUIRE_MESSAGE(resolved.ok(), (resolved.ok() ? std::string() : resolved.error->text()));
    return doctor::read_run_inputs(resolved, o.env);
}

std::string row(const std::string& params, const std::string& agent = "simple_agent")
{
    return R"({"responses_create_params":)" + params + R"(,"agent_ref":{"name":")" + agent + "\"}}\n";
}

const std::string hello = R"({"input":[{"role":"user","content":"Hello there"}]})";

}  // namespace

BOOST_AUTO_TEST_CASE(rows_are_read_with_the_collection_arguments)
{
    test::temp_dir dir;
    dir.write("data.jsonl", row(hello) + row(hello) + row(hello) + row(hello));
    const auto in = inputs_of(dir, {"+input_jsonl_fpath=data.jsonl", "+limit=3", "+num_repeats=4",
                                    "+num_samples_in_parallel=8"});
    BOOST_TEST(!in.error.has_value());
    BOOST_REQUIRE_EQUAL(in.files.size(), 1u);
    BOOST_TEST(in.files[0].found);
    BOOST_TEST(in.rows.size() == 3u);  // limit: the first N lines
    BOOST_TEST(in.rollouts() == 12);
    BOOST_TEST(in.num_samples_in_parallel.value.value() == 8);
    BOOST_TEST(in.where(in.rows[2]) == "data.jsonl:3");
}

BOOST_AUTO_TEST_CASE(a_malformed_row_is_named_by_file_and_line)
{
    test::temp_dir dir;
    dir.write("data.jsonl", row(hello) + "{not json\n" + R"({"agent_ref":{"name":"a"}})" "\n" + row(hello));
    const auto in = inputs_of(dir, {"+input_jsonl_fpath=data.jsonl"});
    BOOST_TEST(in.malformed == 2);
    BOOST_REQUIRE_EQUAL(in.problems.size(), 2u);
    BOOST_TEST(in.problems[0].where == "data.jsonl:2");
    BOOST_TEST(in.problems[1].where == "data.jsonl:3");
    // NeMo Gym reads row["responses_create_params"]: a KeyError (nemo-gym spec §2.1, row contract).
    BOOST_TEST(in.problems[1].what.find("KeyError") != std::string::npos);
    BOOST_TEST(in.rows.size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_row_without_an_agent_needs_the_agent_argument)
{
    test::temp_dir dir;
    dir.write("data.jsonl", R"({"responses_create_params":{"input":"hi"}})" "\n");
    BOOST_TEST(inputs_of(dir, {"+input_jsonl_fpath=data.jsonl"}).malformed == 1);
    BOOST_TEST(inputs_of(dir, {"+input_jsonl_fpath=data.jsonl", "+agent_name=simple_agent"}).malformed == 0);
}

BOOST_AUTO_TEST_CASE(max_output_tokens_is_merged_over_each_row_shallowly)
{
    test::temp_dir dir;
    dir.write("data.jsonl", row(R"({"input":"hi","max_output_tokens":100})") + row(R"({"input":"hi"})"));
    const auto own = inputs_of(dir, {"+input_jsonl_fpath=data.jsonl"});
    BOOST_REQUIRE_EQUAL(own.rows.size(), 2u);
    BOOST_TEST(own.rows[0].max_output_tokens.value() == 100);
    BOOST_TEST(!own.rows[1].max_output_tokens.has_value());
    // The config's responses_create_params wins for the keys it sets, in every row.
    for (const char* form : {"+responses_create_params.max_output_tokens=200000",
                             "++responses_create_params.max_output_tokens=200000"}) {
        const auto merged = inputs_of(dir, {"+input_jsonl_fpath=data.jsonl", form});
        BOOST_REQUIRE_EQUAL(merged.rows.size(), 2u);
        BOOST_TEST(merged.rows[0].max_output_tokens.value() == 200000);
        BOOST_TEST(merged.rows[1].max_output_tokens.value() == 200000);
        BOOST_TEST(merged.max_output_tokens.value.value() == 200000);
    }
}

BOOST_AUTO_TEST_CASE(tools_and_structured_output_are_noticed)
{
    test::temp_dir dir;
    dir.write("data.jsonl",
              row(R"({"input":"hi","tools":[{"type":"function","name":"f","parameters":{}}],"tool_choice":"required"})") +
                  row(R"({"input":"hi","text":{"format":{"type":"json_schema","name":"x","schema":{}}}})") +
                  row(R"({"input":"hi","tools":[],"tool_choice":"none"})") +
                  row(R"({"input":"hi","tools":[{"type":"function","name":"f","parameters":{}}],"tool_choice":"auto"})"));
    const auto in = inputs_of(dir, {"+input_jsonl_fpath=data.jsonl"});
    BOOST_REQUIRE_EQUAL(in.rows.size(), 4u);
    BOOST_TEST(in.rows[3].tools);
    BOOST_TEST(!in.rows[3].tool_choice);  // "auto" is the default with tools: nothing more asked
    BOOST_TEST(in.rows[0].tools);
    BOOST_TEST(in.rows[0].tool_choice);
    BOOST_TEST(!in.rows[0].structured);
    BOOST_TEST(in.rows[1].structured);
    BOOST_TEST(!in.rows[2].tools);  // an empty list sends no tool
    BOOST_TEST(!in.rows[2].tool_choice);
}

BOOST_AUTO_TEST_CASE(num_repeats_per_agent_and_its_errors)
{
    test::temp_dir dir;
    dir.write("data.jsonl", row(hello, "a") + row(hello, "b"));
    const auto in = inputs_of(dir, {"+input_jsonl_fpath=data.jsonl", "+num_repeats={a: 4, _default: 2}"});
    BOOST_TEST(in.rollouts() == 6);
    // A missing agent without _default: NeMo Gym raises ValueError (nemo-gym spec §2.1).
    const auto missing = inputs_of(dir, {"+input_jsonl_fpath=data.jsonl", "+num_repeats={a: 4}"});
    BOOST_TEST(missing.malformed == 1);
    BOOST_TEST(missing.problems.at(0).where == "data.jsonl:2");
    BOOST_TEST(inputs_of(dir, {"+input_jsonl_fpath=data.jsonl", "+num_repeats=0"}).error.has_value());
    BOOST_TEST(inputs_of(dir, {"+input_jsonl_fpath=data.jsonl", "+num_samples_in_parallel=0"}).error.has_value());
}

BOOST_AUTO_TEST_CASE(a_missing_input_file_is_reported_not_read)
{
    test::temp_dir dir;
    const auto in = inputs_of(dir, {"+input_jsonl_fpath=nowhere.jsonl"});
    BOOST_REQUIRE_EQUAL(in.files.size(), 1u);
    BOOST_TEST(!in.files[0].found);
    BOOST_TEST(in.rows.empty());
}

BOOST_AUTO_TEST_CASE(the_prompt_config_adds_its_text_to_every_row)
{
    test::temp_dir dir;
    dir.write("data.jsonl", row(hello));
    const std::string prompt(3000, 'x');
    dir.write("prompt.yaml", prompt);
    const auto plain = inputs_of(dir, {"+input_jsonl_fpath=data.jsonl"});
    const auto templated = inputs_of(dir, {"+input_jsonl_fpath=data.jsonl", "+prompt_config=prompt.yaml"});
    BOOST_TEST(templated.rows.at(0).prompt_tokens - plain.rows.at(0).prompt_tokens ==
               doctor::estimate_text_tokens(prompt));
}

BOOST_AUTO_TEST_CASE(a_large_file_is_streamed_row_by_row)
{
    test::temp_dir dir;
    std::string text;
    for (int i = 0; i < 20000; ++i) text += row(R"({"input":"question )" + std::to_string(i) + "\"}");
    dir.write("data.jsonl", text);
    const auto in = inputs_of(dir, {"+input_jsonl_fpath=data.jsonl"});
    BOOST_TEST(in.rows.size() == 20000u);
    BOOST_TEST(in.where(in.rows.back()) == "data.jsonl:20000");
}

BOOST_AUTO_TEST_CASE(without_an_input_file_the_agents_datasets_are_read)
{
    test::temp_dir dir;
    dir.write("configs/agent.yaml", "simple_agent:\n"
                                    "  responses_api_agents:\n"
                                    "    simple_agent:\n"
                                    "      entrypoint: app.py\n"
                                    "      datasets:\n"
                                    "      - name: example\n"
                                    "        type: example\n"
                                    "        jsonl_fpath: data/example.jsonl\n"
                                    "      - name: more\n"
                                    "        type: example\n"
                                    "        jsonl_fpath: data/more.jsonl\n");
    // Rows of a dataset need no agent_ref: the agent is the one the dataset belongs to.
    dir.write("data/example.jsonl", R"({"responses_create_params":{"input":"hi"}})" "\n");
    const auto in = inputs_of(dir, {"+config_paths=[configs/agent.yaml]"});
    BOOST_REQUIRE_EQUAL(in.files.size(), 2u);
    BOOST_TEST(in.files[0].found);
    BOOST_TEST(in.files[0].source.find("example") != std::string::npos);
    BOOST_TEST(!in.files[1].found);  // not downloaded yet: a note, not a failure
    BOOST_TEST(in.rows.size() == 1u);
    BOOST_TEST(in.malformed == 0);
    BOOST_TEST(!in.notes.empty());
    BOOST_TEST(!in.collection_args());
}
