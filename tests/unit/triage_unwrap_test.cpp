#define BOOST_TEST_MODULE triage_unwrap
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

#include "support/nemo_gym_fixtures.hpp"
#include "triage/cause_table.hpp"
#include "triage/unwrap.hpp"

using namespace ngd;
namespace gym = ngd::test::gym;
namespace bdata = boost::unit_test::data;

namespace {

// The /run body NeMo Gym's middleware makes for a 401 (nest.py's output, byte for byte).
const std::string run_body_401 =
    R"~("Hit an exception in SimpleAgent___my_agent calling an inner server: b'\"Hit an exception in SimpleAgent___my_agent calling an inner server: b\\'\\\\\"Hit an exception in InferenceProvider___policy_model calling an inner server: b\\\\\\\\\\'{\\\\\\\\\\\\\\\\\\\\\"error\\\\\\\\\\\\\\\\\\\\\":{\\\\\\\\\\\\\\\\\\\\\"message\\\\\\\\\\\\\\\\\\\\\":\\\\\\\\\\\\\\\\\\\\\"User not found.\\\\\\\\\\\\\\\\\\\\\",\\\\\\\\\\\\\\\\\\\\\"code\\\\\\\\\\\\\\\\\\\\\":401}}\\\\\\\\\\'\\\\\"\\'\"'")~";

std::string innermost_message(std::string_view text)
{
    const auto u = triage::unwrap(text);
    return u.error ? u.error->message : "<none>";
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_generator_nests_as_nemo_gym_does)
{
    BOOST_TEST(gym::nest(gym::error_body(401, "User not found."), 3) == run_body_401);
}

BOOST_AUTO_TEST_CASE(the_reference_body_unwraps_to_the_key_error_through_three_servers)
{
    const auto u = triage::unwrap(run_body_401);
    BOOST_TEST_REQUIRE(u.error.has_value());
    BOOST_TEST(u.error->message == "User not found.");
    BOOST_TEST(u.error->code.value_or(0) == 401);
    BOOST_TEST_REQUIRE(u.hops.size() == 3u);
    BOOST_TEST(u.hops[0].adapter == "SimpleAgent");
    BOOST_TEST(u.hops[0].server_key == "my_agent");
    BOOST_TEST(u.hops[2].adapter == "InferenceProvider");
    BOOST_TEST(u.hops[2].server_key == "policy_model");
}

// Every reference body, at every depth, in every place a support engineer finds it: the
// raw HTTP body, a log line, a JSONL field, a bytes repr of the body.
BOOST_DATA_TEST_CASE(every_case_unwraps_at_depths_1_to_4_wherever_it_is_written, bdata::xrange(1, 5), depth)
{
    for (const auto& c : gym::reference_cases()) {
        BOOST_TEST_CONTEXT(c.name << " at depth " << depth)
        {
            const std::string body = gym::nest(c.body, depth);
            const auto expected = triage::read_error_envelope(c.body);
            BOOST_TEST_REQUIRE(expected.has_value());
            const std::vector<std::string> places = {
                body,
                "(my_agent) Hit an exception in SimpleAgent___my_agent calling an inner server: " +
                    gym::py_bytes_repr(body),
                "{\"_ng_failure_class\": \"transient\", \"error\": " + gym::json_string(body) + "}",
                gym::response_content_line("ng_collect_rollouts", body),
            };
            for (const auto& place : places) {
                const auto u = triage::unwrap(place);
                BOOST_TEST_REQUIRE(u.error.has_value());
                BOOST_TEST(u.error->message == expected->message);
                BOOST_TEST(u.error->code.value_or(-1) == expected->code.value_or(-2));
                BOOST_TEST(u.hops.size() >= static_cast<std::size_t>(depth));
                BOOST_TEST(u.hops.back().server_key == "policy_model");
                BOOST_TEST(triage::cause_of(*u.error).check_id == c.check_id);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(the_context_message_keeps_its_apostrophe_and_quotes)
{
    const auto c = gym::reference_cases()[5];
    BOOST_TEST(innermost_message(gym::nest(c.body, 3)).starts_with("This endpoint's maximum context length is 131072"));
    BOOST_TEST(innermost_message(gym::nest(c.body, 4)).find("the \"middle-out\" transform") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_empty_body_after_three_500s_is_an_empty_innermost_body)
{
    const auto u = triage::unwrap(gym::nest("", 3));
    BOOST_TEST(u.found_wrapping);
    BOOST_TEST(u.hops.size() == 3u);
    BOOST_TEST(u.body.empty());
    BOOST_TEST(!u.error.has_value());
}

BOOST_AUTO_TEST_CASE(non_ascii_bytes_come_back_as_utf8)
{
    const std::string body = gym::error_body(502, "Provider returned error: “überlastet”");
    BOOST_TEST(innermost_message(gym::nest(body, 3)) == "Provider returned error: “überlastet”");
}

BOOST_AUTO_TEST_CASE(a_body_cut_at_200_characters_still_gives_message_and_code)
{
    const std::string body = gym::reference_cases()[1].body;
    const auto e = triage::read_error_envelope(gym::model_retry_line(402, 1, body));
    BOOST_TEST_REQUIRE(e.has_value());
    BOOST_TEST(!e->code.has_value());  // the code comes after the 200 characters kept
    BOOST_TEST(e->message.starts_with("This request requires more credits"));
}

BOOST_AUTO_TEST_CASE(provider_metadata_and_availability_are_read)
{
    const std::string provider =
        R"({"error":{"message":"Provider returned error","code":503,"metadata":{"raw":"overloaded","provider_name":"DeepInfra"}}})";
    const auto p = triage::unwrap(gym::nest(provider, 2));
    BOOST_TEST_REQUIRE(p.error.has_value());
    BOOST_TEST(p.error->provider == "DeepInfra");
    BOOST_TEST(p.error->raw == "overloaded");
    BOOST_TEST(triage::cause_of(*p.error).check_id == "provider.status");

    const std::string retired =
        R"({"error":{"message":"No endpoints found for x/y:free.","code":404,"availability":{"code":"free_variant_ended","fallback_models":["x/y"]}}})";
    const auto r = triage::unwrap(gym::nest(retired, 1));
    BOOST_TEST_REQUIRE(r.error.has_value());
    BOOST_TEST(r.error->availability_code == "free_variant_ended");
    BOOST_TEST(r.error->fallback_models.size() == 1u);
    const auto c = triage::cause_of(*r.error);
    BOOST_TEST(c.check_id == "model.availability");
    BOOST_TEST(c.remedy.text.find("x/y") != std::string::npos);
}

struct wording {
    int code;
    const char* message;
    const char* check_id;
    const char* key;
};
std::ostream& operator<<(std::ostream& out, const wording& w) { return out << w.code << " " << w.message; }

// Every row of the cause table, with the older wordings OpenRouter used.
const wording wordings[] = {
    {401, "User not found.", "key.status", "key.rejected"},
    {401, "No auth credentials found", "key.status", "key.rejected"},
    {401, "No cookie auth credentials found", "key.status", "key.rejected"},
    {401, "Missing Authentication header", "key.status", "key.rejected"},
    {402, "This request requires more credits, or fewer max_tokens. You requested up to 8 tokens, but can only afford 2.",
     "credits", "credits.exhausted"},
    {402, "Insufficient credits. Add more using https://openrouter.ai/credits", "credits", "credits.exhausted"},
    {402, "Prompt tokens limit exceeded: 5000 > 4000", "credits", "credits.key_limit"},
    {429, "Rate limit exceeded: free-models-per-min.", "rate_limits", "rate_limits.exceeded"},
    {400, "gpt-4-turbo is not a valid model ID", "model.id_format", "model.invalid_id"},
    {400, "openai/gpt-5-turbo is not a valid model ID", "model.availability", "model.invalid_id"},
    {404, "No endpoints found for openai/gpt-4o.", "model.availability", "model.no_endpoints"},
    {404, "No endpoints found matching your data policy (Free model training).", "model.availability", "model.data_policy"},
    {404, "No endpoints found that support tool use.", "model.availability", "model.no_tool_endpoints"},
    {502, "Provider returned error", "provider.status", "provider.error.502"},
    {503, "Provider returned error", "provider.status", "provider.error.503"},
    {400, "This endpoint's maximum context length is 8192 tokens. However, you requested about 9000 tokens", "model.context",
     "model.context_exceeded"},
    {400, "This model's maximum context length is 32768 tokens. However, you requested 32818 tokens", "model.context",
     "model.context_exceeded"},
    {400, "input exceeded the context window", "model.context", "model.context_exceeded"},
};

BOOST_DATA_TEST_CASE(the_cause_table_maps_status_and_message_to_the_owning_check, bdata::make(wordings), w)
{
    triage::upstream_error e;
    e.code = w.code;
    e.message = w.message;
    const auto c = triage::cause_of(e);
    BOOST_TEST(c.check_id == w.check_id);
    BOOST_TEST(c.key == w.key);
    BOOST_TEST(!c.remedy.text.empty());
}

BOOST_AUTO_TEST_CASE(fixes_name_the_key_variable_never_a_key)
{
    triage::upstream_error e;
    e.code = 401;
    e.message = "User not found.";
    const auto c = triage::cause_of(e);
    BOOST_TEST(c.remedy.text.find("https://openrouter.ai/keys") != std::string::npos);
    bool has_curl = false;
    for (const auto& command : c.remedy.commands)
        if (command.find("$OPENROUTER_API_KEY") != std::string::npos) has_curl = true;
    BOOST_TEST(has_curl);
    for (const auto& command : c.remedy.commands) BOOST_TEST(command.find("placeholder") == std::string::npos);
}
