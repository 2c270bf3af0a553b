// GET /generation bodies: OpenRouter's documented example (OpenRouterTeam/docs,
// openapi/openapi.yaml, /generation 200), the SDK's camelCase spelling, nulls, and bodies
// that are not a generation.
#define BOOST_TEST_MODULE openrouter_generation
#include <boost/test/unit_test.hpp>

#include "openrouter/generation.hpp"

using namespace ngd::openrouter;

namespace {

// The documented example, trimmed of fields ngdoctor does not read.
const char* documented = R"({"data":{"api_type":"completions","cancelled":false,
  "created_at":"2024-07-15T23:33:19.433273+00:00","finish_reason":"stop","generation_time":1200,
  "id":"gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG","is_byok":false,"latency":1250,"model":"sao10k/l3-stheno-8b",
  "native_finish_reason":"stop","native_tokens_cached":3,"native_tokens_completion":25,"native_tokens_prompt":10,
  "native_tokens_reasoning":5,"provider_name":"Infermatic","tokens_completion":25,"tokens_prompt":10,
  "total_cost":0.0015,"usage":0.0015}})";

}  // namespace

BOOST_AUTO_TEST_CASE(the_documented_example_gives_every_field_read)
{
    const auto g = parse_generation(documented);
    BOOST_TEST_REQUIRE(g.ok(), g.error.text());
    BOOST_TEST(g->id == "gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG");
    BOOST_TEST(g->model == "sao10k/l3-stheno-8b");
    BOOST_TEST(g->provider_name.value_or("") == "Infermatic");
    BOOST_TEST(g->finish_reason.value_or("") == "stop");
    BOOST_TEST(g->native_finish_reason.value_or("") == "stop");
    BOOST_TEST(g->latency_ms.value_or(0) == 1250);
    BOOST_TEST(g->generation_time_ms.value_or(0) == 1200);
    BOOST_TEST(g->tokens_prompt.value_or(0) == 10);
    BOOST_TEST(g->tokens_completion.value_or(0) == 25);
    BOOST_TEST(g->native_tokens_reasoning.value_or(0) == 5);
    BOOST_TEST(g->total_cost.value_or(0) == 0.0015);
    BOOST_TEST(g->created_at.value_or("") == "2024-07-15T23:33:19.433273+00:00");
    BOOST_TEST(g->cancelled.value_or(true) == false);
}

BOOST_AUTO_TEST_CASE(the_sdks_camel_case_and_a_bare_object_read_the_same)
{
    const auto g = parse_generation(R"({"id":"gen-abcdefghijklmnop","model":"openai/gpt-4o","providerName":"OpenAI",
        "finishReason":"length","nativeFinishReason":"max_tokens","generationTime":900,"latency":1000,
        "tokensPrompt":7,"tokensCompletion":16.0,"totalCost":0.0002})");
    BOOST_TEST_REQUIRE(g.ok(), g.error.text());
    BOOST_TEST(g->provider_name.value_or("") == "OpenAI");
    BOOST_TEST(g->finish_reason.value_or("") == "length");
    BOOST_TEST(g->native_finish_reason.value_or("") == "max_tokens");
    BOOST_TEST(g->generation_time_ms.value_or(0) == 900);
    BOOST_TEST(g->tokens_completion.value_or(0) == 16);
    BOOST_TEST(g->total_cost.value_or(0) == 0.0002);
}

BOOST_AUTO_TEST_CASE(nullable_fields_may_be_null_or_absent)
{
    const auto g = parse_generation(R"({"data":{"id":"gen-abcdefghijklmnop","model":"x/y","provider_name":null,
        "finish_reason":null,"latency":null,"tokens_prompt":null,"total_cost":0}})");
    BOOST_TEST_REQUIRE(g.ok(), g.error.text());
    BOOST_TEST(!g->provider_name);
    BOOST_TEST(!g->finish_reason);
    BOOST_TEST(!g->latency_ms);
    BOOST_TEST(!g->tokens_prompt);
    BOOST_TEST(!g->native_tokens_prompt);
    BOOST_TEST(g->total_cost.value_or(-1) == 0);
}

// Found by the openrouter_bodies fuzz target: a count past int64's range was converted (UB).
BOOST_AUTO_TEST_CASE(a_token_count_past_the_integer_range_is_unknown)
{
    const auto g = parse_generation(R"({"data":{"id":"gen-abcdefghijklmnop","model":"x/y",
        "native_tokens_prompt":99999999999999999999910,"tokens_prompt":-1e300,"tokens_completion":25.0}})");
    BOOST_TEST_REQUIRE(g.ok(), g.error.text());
    BOOST_TEST(!g->native_tokens_prompt);
    BOOST_TEST(!g->tokens_prompt);
    BOOST_TEST(g->tokens_completion.value_or(-1) == 25);
}

BOOST_AUTO_TEST_CASE(a_body_that_is_not_a_generation_is_a_shape_error_with_its_path)
{
    const auto no_id = parse_generation(R"({"data":{"model":"x/y"}})");
    BOOST_TEST(!no_id.ok());
    BOOST_TEST(no_id.error.path == "data.id");
    const auto wrong_kind = parse_generation(R"({"data":{"id":"gen-abcdefghijklmnop","total_cost":"cheap"}})");
    BOOST_TEST(!wrong_kind.ok());
    BOOST_TEST(wrong_kind.error.path == "data.total_cost");
    BOOST_TEST(!parse_generation("<html>502</html>").ok());
    BOOST_TEST(!parse_generation(R"({"data":[]})").ok());
}
