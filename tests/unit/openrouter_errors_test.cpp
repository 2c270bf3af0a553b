#define BOOST_TEST_MODULE openrouter_errors
#include <boost/test/unit_test.hpp>

#include "openrouter/api.hpp"
#include "openrouter/error_envelope.hpp"
#include "openrouter_test_fixtures.hpp"

using namespace ngd::openrouter;
using ngd::net::error_class;
using ngd::test::openrouter_fixture;

namespace {

const std::string fake_key = "sk-or-v1-" + std::string("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

error_envelope envelope_of(const std::string& body)
{
    auto parsed = parse_error_envelope(body);
    BOOST_TEST_REQUIRE(parsed.ok(), parsed.error.text() << " in " << body);
    return *parsed.value;
}

ngd::net::outcome answer(int status, std::string content_type, std::string body,
                         ngd::net::header_list extra = {})
{
    ngd::net::response resp;
    resp.status = status;
    if (!content_type.empty()) resp.headers.emplace_back("Content-Type", std::move(content_type));
    for (auto& h : extra) resp.headers.push_back(std::move(h));
    resp.body = std::move(body);
    resp.final_url = "https://openrouter.ai/api/v1/key";
    return {resp, {}};
}

template <class T>
api_result<T> interpret_as(const ngd::net::outcome& out, body_parser<T> parse)
{
    return interpret(make_get("https://openrouter.ai/api/v1/", "/key", fake_key), out, parse);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(envelopes)

BOOST_AUTO_TEST_CASE(unauthorized_texts)
{
    for (const std::string message : {"No auth credentials found", "No cookie auth credentials found", "User not found.",
                                      "Missing Authentication header"}) {
        const auto e = envelope_of(R"({"error":{"message":")" + message + R"(","code":401}})");
        BOOST_TEST(e.code.value() == 401);
        BOOST_TEST(e.message == message);
        BOOST_TEST(!e.user_id.has_value());
        BOOST_TEST(!e.metadata.has_value());
    }
    const auto fixture = envelope_of(openrouter_fixture("err_401.json"));
    BOOST_TEST(fixture.message == "User not found.");
}

BOOST_AUTO_TEST_CASE(payment_required_texts)
{
    const auto fixture = envelope_of(openrouter_fixture("err_402.json"));
    BOOST_TEST(fixture.code.value() == 402);
    BOOST_TEST(fixture.message.starts_with("This request requires more credits, or fewer max_tokens."));
    BOOST_TEST(fixture.user_id.value() == "user_2x7DNyswjOHVRWDYVMCIROyGjsS");
    BOOST_TEST(!fixture.metadata->provider_name.has_value());

    const auto insufficient = envelope_of(
        R"({"error":{"code":402,"message":"Insufficient credits. Add more using https://openrouter.ai/credits"}})");
    BOOST_TEST(insufficient.message == "Insufficient credits. Add more using https://openrouter.ai/credits");
    const auto key_cap = envelope_of(
        R"({"error":{"message":"This request requires more credits, or fewer max_tokens. You requested up to 4096 tokens, but can only afford 0. To increase, visit https://openrouter.ai/settings/keys and create a key with a higher monthly limit","code":402}})");
    BOOST_TEST(key_cap.message.find("settings/keys") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(forbidden_management_only)
{
    const auto e = envelope_of(openrouter_fixture("err_403_mgmt.json"));
    BOOST_TEST(e.code.value() == 403);
    BOOST_TEST(e.message == "Only management keys can perform this operation");
}

BOOST_AUTO_TEST_CASE(invalid_model_plain_and_with_availability)
{
    const auto plain = envelope_of(openrouter_fixture("err_400_model.json"));
    BOOST_TEST(plain.code.value() == 400);
    BOOST_TEST(plain.message == "acme/fake-1.0 is not a valid model ID");
    BOOST_TEST(plain.user_id.value() == "user_2x7DNyswjOHVRWDYVMCIROyGjsS");
    BOOST_TEST(!plain.availability.has_value());

    // The docs' example omits `code`; real bodies carry it. Both read.
    for (const std::string code : {"", R"("code":400,)"}) {
        const auto e = envelope_of(R"({"error":{)" + code +
                                   R"("message":"acme/fake-1.0 is not a valid model ID","error_type":"invalid_request",
            "http_status":400,"availability":{"code":"model_not_found","retryable":false,
            "requested_models":["acme/fake-1.0"],"docs_url":"https://openrouter.ai/docs/errors#model_not_found"}}})");
        BOOST_TEST(e.code.has_value() == !code.empty());
        BOOST_TEST(e.error_type.value() == "invalid_request");
        BOOST_TEST_REQUIRE(e.availability.has_value());
        BOOST_TEST(e.availability->code == "model_not_found");
        BOOST_TEST(e.availability->retryable.value() == false);
        BOOST_TEST(e.availability->requested_models == std::vector<std::string>{"acme/fake-1.0"});
        BOOST_TEST(e.availability->docs_url.value() == "https://openrouter.ai/docs/errors#model_not_found");
    }

    const auto ended = envelope_of(
        R"({"error":{"code":404,"message":"The free variant has ended","availability":{"code":"free_variant_ended",
            "retryable":false,"requested_models":["x/y:free"],"fallback_models":["x/y"],"docs_url":"d"}}})");
    BOOST_TEST(ended.availability->fallback_models == std::vector<std::string>{"x/y"});
}

BOOST_AUTO_TEST_CASE(context_length)
{
    const auto e = envelope_of(openrouter_fixture("err_400_ctx.json"));
    BOOST_TEST(e.code.value() == 400);
    BOOST_TEST(e.message.starts_with("This endpoint's maximum context length is 16384 tokens."));
    BOOST_TEST_REQUIRE(e.metadata.has_value());
    BOOST_TEST(!e.metadata->provider_name.has_value());

    const auto typed = envelope_of(
        R"({"error":{"code":400,"message":"This model's maximum context length is 8192 tokens.",
            "metadata":{"provider_name":"OpenAI","error_type":"context_length_exceeded"}}})");
    BOOST_TEST(typed.error_type.value() == "context_length_exceeded");
    BOOST_TEST(typed.metadata->provider_name.value() == "OpenAI");
}

BOOST_AUTO_TEST_CASE(free_tier_429_with_echoed_headers)
{
    const auto e = envelope_of(openrouter_fixture("err_429_free.json"));
    BOOST_TEST(e.code.value() == 429);
    BOOST_TEST(e.message.starts_with("Rate limit exceeded: free-models-per-day."));
    BOOST_TEST(e.metadata->limit_source.value() == "openrouter_free_tier_daily");
    BOOST_TEST(e.metadata->headers.limit.value() == 50);
    BOOST_TEST(e.metadata->headers.remaining.value() == 0);
    BOOST_TEST(e.metadata->headers.reset_ms.value() == 1788220800000);
}

BOOST_AUTO_TEST_CASE(capacity_and_upstream_errors)
{
    const auto capacity = envelope_of(
        R"({"error":{"code":429,"message":"All providers for x/y are at capacity. Retry after 40 seconds.",
            "availability":{"code":"capacity_exhausted","retryable":true,"requested_models":["x/y"],"retry_after":40,"docs_url":"d"}}})");
    BOOST_TEST(capacity.availability->retryable.value());
    BOOST_TEST(capacity.availability->retry_after.value() == 40.0);

    const auto upstream = envelope_of(
        R"({"error":{"code":502,"message":"Provider returned error",
            "metadata":{"raw":{"error":{"message":"upstream boom"}},"provider_name":"Azure","is_byok":false,
                        "provider_code":529}}})");
    BOOST_TEST(upstream.metadata->provider_name.value() == "Azure");
    BOOST_TEST(upstream.metadata->raw.value() == R"({"error":{"message":"upstream boom"}})");
    BOOST_TEST(upstream.metadata->provider_code.value() == "529");
    const auto raw_text = envelope_of(
        R"({"error":{"code":502,"message":"Provider returned error","metadata":{"raw":"Bad gateway","provider_name":"Groq"}}})");
    BOOST_TEST(raw_text.metadata->raw.value() == "Bad gateway");

    const auto unavailable = envelope_of(R"({"error":{"code":503,"message":"Service temporarily unavailable"}})");
    BOOST_TEST(unavailable.code.value() == 503);

    const auto routing = envelope_of(
        R"({"error":{"code":404,"message":"No allowed providers are available for the selected model.",
            "metadata":{"available_providers":["openai","azure"],"requested_providers":["groq"]}}})");
    BOOST_TEST(routing.metadata->available_providers.size() == 2u);
    BOOST_TEST(routing.metadata->requested_providers == std::vector<std::string>{"groq"});
}

BOOST_AUTO_TEST_CASE(responses_api_string_codes)
{
    const auto failed = envelope_of(
        R"({"id":"resp_abc123","status":"failed","error":{"code":"server_error","message":"Invalid credentials"},
            "error_type":"authentication"})");
    BOOST_TEST(failed.responses_failed_object);
    BOOST_TEST(failed.response_id.value() == "resp_abc123");
    BOOST_TEST(!failed.code.has_value());
    BOOST_TEST(failed.code_text.value() == "server_error");
    BOOST_TEST(failed.error_type.value() == "authentication");
    BOOST_TEST(failed.message == "Invalid credentials");

    for (const std::string code : {"invalid_prompt", "rate_limit_exceeded", "image_content_policy_violation"}) {
        const auto e = envelope_of(R"({"error":{"code":")" + code +
                                   R"(","message":"Missing required parameter: 'model'."},"metadata":null})");
        BOOST_TEST(e.code_text.value() == code);
        BOOST_TEST(!e.code.has_value());
        BOOST_TEST(!e.responses_failed_object);
    }
    const auto digits = envelope_of(R"({"error":{"code":"429","message":"Rate limit exceeded"}})");
    BOOST_TEST(digits.code.value() == 429);
    BOOST_TEST(digits.code_text.value() == "429");
}

BOOST_AUTO_TEST_CASE(not_an_envelope)
{
    BOOST_TEST(parse_error_envelope(R"({"data":{}})").error.text() == "error: missing, expected an object");
    BOOST_TEST(parse_error_envelope(R"({"error":"boom"})").error.text() == "error: expected an object, got a string");
    BOOST_TEST(parse_error_envelope(R"({"error":{"code":true,"message":"m"}})").error.text() ==
               "error.code: expected an integer or null, got a boolean");
    BOOST_TEST(parse_error_envelope(R"({"error":{"code":400}})").error.text() ==
               "error.message: missing, expected a string");
    BOOST_TEST(loose_error_message(R"({"object":"error","message":"model not found","code":404})").value() ==
               "model not found");
    BOOST_TEST(loose_error_message(R"({"detail":"Not Found"})").value() == "Not Found");
    BOOST_TEST(!loose_error_message("<html></html>").has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(classification)

BOOST_AUTO_TEST_CASE(transport_failure_keeps_its_class)
{
    ngd::net::outcome out;
    out.fail = {error_class::dns, "resolve", "cannot resolve openrouter.ai:443"};
    const auto r = interpret_as<key_info>(out, parse_key_info);
    BOOST_TEST(!r.ok());
    BOOST_TEST((r.error.cls == error_class::dns));
    BOOST_TEST(r.error.status == 0);
    BOOST_TEST(r.error.stage == "resolve");
    BOOST_TEST(r.error.detail == "cannot resolve openrouter.ai:443");
    BOOST_TEST(r.error.url == "https://openrouter.ai/api/v1/key");
    BOOST_TEST(!r.raw.has_value());
    BOOST_TEST(r.curl == R"(curl https://openrouter.ai/api/v1/key -H "Authorization: Bearer $OPENROUTER_API_KEY")");
    for (const auto cls : {error_class::tls, error_class::timeout, error_class::connect, error_class::proxy}) {
        out.fail.cls = cls;
        BOOST_TEST((interpret_as<key_info>(out, parse_key_info).error.cls == cls));
    }
}

BOOST_AUTO_TEST_CASE(json_401_quotes_the_server)
{
    const auto r = interpret_as<key_info>(answer(401, "application/json", openrouter_fixture("err_401.json")),
                                          parse_key_info);
    BOOST_TEST((r.error.cls == error_class::http_401));
    BOOST_TEST(r.error.status == 401);
    BOOST_TEST(r.error.server_message == "User not found.");
    BOOST_TEST(r.error.envelope.has_value());
    BOOST_TEST(!r.error.html);
    BOOST_TEST(r.error.detail == R"(GET https://openrouter.ai/api/v1/key answered HTTP 401: "User not found.")");
    BOOST_TEST(r.raw->status == 401);
}

BOOST_AUTO_TEST_CASE(status_classes)
{
    const std::vector<std::pair<int, error_class>> cases = {
        {400, error_class::http_4xx}, {402, error_class::http_402}, {403, error_class::http_403},
        {404, error_class::http_404}, {408, error_class::http_4xx}, {429, error_class::http_429},
        {500, error_class::http_5xx}, {502, error_class::http_5xx}, {503, error_class::http_5xx},
        {524, error_class::http_5xx}, {529, error_class::http_5xx}};
    for (const auto& [status, cls] : cases) {
        const auto body = R"({"error":{"code":)" + std::to_string(status) + R"(,"message":"m"}})";
        const auto r = interpret_as<credits>(answer(status, "application/json", body), parse_credits);
        BOOST_TEST((r.error.cls == cls), status);
        BOOST_TEST(r.error.server_message == "m");
    }
    // A redirect left over (the client follows them) is not a usable answer.
    BOOST_TEST((interpret_as<credits>(answer(302, "", ""), parse_credits).error.cls == error_class::bad_response));
}

BOOST_AUTO_TEST_CASE(html_404_means_wrong_base_url)
{
    const auto r = interpret_as<model_list>(
        answer(404, "text/html; charset=utf-8", "<!DOCTYPE html><html><head><script src=\"/_next/static/x.js\"></script>"),
        parse_model_list);
    BOOST_TEST((r.error.cls == error_class::http_404));
    BOOST_TEST(r.error.html);
    BOOST_TEST(r.error.server_message.empty());
    BOOST_TEST(!r.error.envelope.has_value());
    // A JSON 404 (unknown model) is not HTML.
    const auto json404 = interpret_as<model>(
        answer(404, "application/json", R"({"error":{"code":404,"message":"Resource not found"}})"), parse_single_model);
    BOOST_TEST(!json404.error.html);
    BOOST_TEST(json404.error.server_message == "Resource not found");
}

BOOST_AUTO_TEST_CASE(success_status_with_a_bad_body_is_bad_response)
{
    const auto html = interpret_as<model_list>(answer(200, "text/html", "<html><body>hi</body></html>"),
                                               parse_model_list);
    BOOST_TEST((html.error.cls == error_class::bad_response));
    BOOST_TEST(html.error.html);
    BOOST_TEST(html.error.stage == "parse");

    const auto not_json = interpret_as<model_list>(answer(200, "application/json", "{\"data\": ["), parse_model_list);
    BOOST_TEST((not_json.error.cls == error_class::bad_response));
    BOOST_TEST(not_json.error.detail.find("top level: not valid JSON") != std::string::npos);

    const auto shape = interpret_as<key_info>(
        answer(200, "application/json", R"({"data":{"label":"x","usage":"lots"}})"), parse_key_info);
    BOOST_TEST((shape.error.cls == error_class::bad_response));
    BOOST_TEST(shape.error.status == 200);
    BOOST_TEST(shape.error.detail.find("data.usage: expected a number, got a string") != std::string::npos);

    const auto empty = interpret_as<credits>(answer(200, "application/json", ""), parse_credits);
    BOOST_TEST((empty.error.cls == error_class::bad_response));
}

BOOST_AUTO_TEST_CASE(rate_limit_headers_from_http_or_from_the_body)
{
    const auto body = openrouter_fixture("err_429_free.json");
    const auto from_http = interpret_as<chat_completion>(
        answer(429, "application/json", body,
               {{"X-RateLimit-Limit", "1000"}, {"x-ratelimit-remaining", "0"}, {"X-RateLimit-Reset", "1788220800001"}}),
        parse_chat_completion);
    BOOST_TEST((from_http.error.cls == error_class::http_429));
    BOOST_TEST(from_http.error.rate_limit.limit.value() == 1000);
    BOOST_TEST(from_http.error.rate_limit.reset_ms.value() == 1788220800001);
    BOOST_TEST(!from_http.error.retry_after.has_value());  // the free tier sends none

    const auto from_body = interpret_as<chat_completion>(answer(429, "application/json", body), parse_chat_completion);
    BOOST_TEST(from_body.error.rate_limit.limit.value() == 50);
    BOOST_TEST(from_body.error.rate_limit.remaining.value() == 0);
    BOOST_TEST(from_body.error.envelope->metadata->limit_source.value() == "openrouter_free_tier_daily");
}

BOOST_AUTO_TEST_CASE(retry_after_on_503_and_429)
{
    const auto seconds = interpret_as<chat_completion>(
        answer(503, "application/json", R"({"error":{"code":503,"message":"Service temporarily unavailable"}})",
               {{"Retry-After", "60"}}),
        parse_chat_completion);
    BOOST_TEST((seconds.error.cls == error_class::http_5xx));
    BOOST_TEST(seconds.error.retry_after->delay.value().count() == 60);

    const auto date = interpret_as<chat_completion>(
        answer(429, "application/json", R"({"error":{"code":429,"message":"busy"}})",
               {{"Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT"}}),
        parse_chat_completion);
    BOOST_TEST_REQUIRE(date.error.retry_after.has_value());
    BOOST_TEST(date.error.retry_after->at.has_value());
}

BOOST_AUTO_TEST_CASE(success_keeps_raw_answer)
{
    const auto r = interpret_as<key_info>(
        answer(200, "application/json", openrouter_fixture("key_ok.json"), {{"X-Request-Id", "abc"}}), parse_key_info);
    BOOST_TEST_REQUIRE(r.ok(), r.error.detail);
    BOOST_TEST(r->label == "sk-or-v1-0e6...c96");
    BOOST_TEST(r.raw->header("x-request-id").value() == "abc");
    BOOST_TEST(r.curl.find(fake_key) == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
