#define BOOST_TEST_MODULE doctor_token_estimate
#include <boost/test/unit_test.hpp>

#include "doctor/token_estimate.hpp"

#include <boost/json.hpp>

#include <string>

using namespace ngd::doctor;
namespace json = boost::json;

namespace {

json::object params(std::string_view text)
{
    return json::parse(text).as_object();
}

/// The simulator's count (tools/simulator/inference_routes.cpp): 4 characters a token, the
/// average of the GPT, Llama and Claude tokenizers on English text.
std::int64_t four_characters_a_token(std::string_view text)
{
    return static_cast<std::int64_t>((text.size() + 3) / 4);
}

const std::string prose =
    "NeMo Gym collects rollouts by sending each row of the input file to an agent, which calls the "
    "model server and the resources server in turn. A row that asks for more tokens than the model "
    "can hold fails before the provider sees it.";

}  // namespace

BOOST_AUTO_TEST_CASE(plain_text_is_counted_at_three_ascii_bytes_a_token)
{
    BOOST_TEST(estimate_text_tokens("") == 0);
    BOOST_TEST(estimate_text_tokens("a") == 1);
    BOOST_TEST(estimate_text_tokens("abc") == 1);
    BOOST_TEST(estimate_text_tokens("abcd") == 2);
    BOOST_TEST(estimate_text_tokens(std::string(3000, 'x')) == 1000);
    // Non-ASCII UTF-8: 2 bytes a token (an accented letter is 1, a CJK character 1.5).
    BOOST_TEST(estimate_text_tokens("\xc3\xa9") == 1);
    BOOST_TEST(estimate_text_tokens("\xe4\xb8\xad\xe6\x96\x87") == 3);
}

BOOST_AUTO_TEST_CASE(the_estimate_errs_high_against_four_characters_a_token)
{
    for (const std::string& text : {prose, std::string("What is 12 + 30? Answer with the number only."),
                                    std::string(100'000, 'e'), std::string("0123456789012345678901234567")}) {
        const auto estimate = estimate_text_tokens(text), reference = four_characters_a_token(text);
        BOOST_TEST(estimate >= reference, text.substr(0, 40));
        // ... by a third, not by an order of magnitude: estimates stay useful for cost.
        BOOST_TEST(double(estimate) <= 1.34 * double(reference) + 1, text.substr(0, 40));
    }
}

BOOST_AUTO_TEST_CASE(a_request_counts_its_messages_instructions_tools_and_schema)
{
    const auto base = estimate_prompt_tokens(params("{}"));
    BOOST_TEST(base == 3);  // the reply priming alone
    const auto one = estimate_prompt_tokens(params(R"({"input":"abcdef"})"));
    BOOST_TEST(one == 3 + 4 + 2);
    const auto messages = estimate_prompt_tokens(
        params(R"({"input":[{"role":"system","content":"abc"},{"role":"user","content":[{"type":"input_text","text":"abcdef"}]}]})"));
    BOOST_TEST(messages == 3 + (4 + 1) + (4 + 2));
    const auto instructed = estimate_prompt_tokens(params(R"({"instructions":"abc","input":"abcdef"})"));
    BOOST_TEST(instructed == one + 4 + 1);
    const auto with_tools = estimate_prompt_tokens(
        params(R"({"input":"abcdef","tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}}]})"));
    BOOST_TEST(with_tools > one + 10);
    const auto with_schema = estimate_prompt_tokens(
        params(R"({"input":"abcdef","text":{"format":{"type":"json_schema","name":"answer","schema":{"type":"object"}}}})"));
    BOOST_TEST(with_schema > one + 10);
    // Fields the provider does not read as prompt are not counted.
    BOOST_TEST(estimate_prompt_tokens(params(R"({"input":"abcdef","temperature":0.7,"max_output_tokens":100})")) == one);
}
