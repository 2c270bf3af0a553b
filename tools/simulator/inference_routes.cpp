#include "simulator/inference_routes.hpp"

#include "simulator/catalog_routes.hpp"
#include "simulator/clock.hpp"
#include "simulator/inference_bodies.hpp"
#include "simulator/json_bodies.hpp"

#include <array>
#include <cmath>
#include <span>
#include <optional>

namespace ngd::sim {
namespace {

namespace json = boost::json;

/// A request that passed OpenRouter's pre-flight checks.
struct admitted {
    const model_entry* model = nullptr;
    long prompt_tokens = 0;
    std::optional<long> max_tokens;  ///< as requested
    bool stream = false;
};

std::size_t text_length(const json::value& value)
{
    switch (value.kind()) {
    case json::kind::string: return value.as_string().size();
    case json::kind::array: {
        std::size_t n = 0;
        for (const auto& item : value.as_array()) n += text_length(item);
        return n;
    }
    case json::kind::object: {
        std::size_t n = 0;
        for (const auto& [name, item] : value.as_object())
            if (name != "role" && name != "type") n += text_length(item);
        return n;
    }
    default: return 0;
    }
}

// About four characters a token, as tokenizers average on English text.
long estimate_tokens(const json::object& body)
{
    std::size_t chars = 0;
    for (const auto* field : {"messages", "input", "instructions"})
        if (const auto* value = body.if_contains(field)) chars += text_length(*value);
    return long((chars + 3) / 4);
}

std::optional<long> requested_max_tokens(const json::object& body, inference_api api)
{
    static constexpr std::array<std::string_view, 2> chat_fields{"max_tokens", "max_completion_tokens"};
    static constexpr std::array<std::string_view, 1> responses_fields{"max_output_tokens"};
    const std::span<const std::string_view> fields =
        api == inference_api::responses ? std::span<const std::string_view>(responses_fields) : chat_fields;
    for (const auto field : fields) {
        const auto* value = body.if_contains(field);
        if (value && value->is_int64()) return long(value->as_int64());
        if (value && value->is_uint64()) return long(value->as_uint64());
    }
    return std::nullopt;
}

reply error_reply(int status, json::object envelope) { return json_reply(status, json::serialize(envelope)); }

json::object with_user(json::object envelope, const scenario& world)
{
    envelope["user_id"] = world.user_id;
    return envelope;
}

void add_availability(json::object& envelope, const scenario& world, std::string_view code, bool retryable,
                      std::string_view model, std::string_view error_type, int status)
{
    if (!world.availability_in_errors) return;
    auto& error = error_of(envelope);
    error["error_type"] = error_type;
    error["http_status"] = status;
    error["availability"] = {{"code", code},
                             {"retryable", retryable},
                             {"requested_models", json::array{model}},
                             {"docs_url", "https://openrouter.ai/docs/errors#" + std::string(code)}};
}

reply invalid_model(const scenario& world, std::string_view id)
{
    auto envelope = with_user(error_envelope(400, std::string(id) + " is not a valid model ID"), world);
    add_availability(envelope, world, "model_not_found", false, id, "invalid_request", 400);
    return error_reply(400, std::move(envelope));
}

reply privacy_blocked(const scenario& world, std::string_view id)
{
    auto envelope = with_user(
        error_envelope(404, "No endpoints found matching your data policy (Free model publication). Configure: "
                            "https://openrouter.ai/settings/privacy"),
        world);
    add_availability(envelope, world, "privacy_restricted", false, id, "not_found", 404);
    // The reason: which account setting excluded the endpoints (errors-and-debugging.mdx names the
    // field excluded_by; the value naming the data-policy setting is ours).
    if (world.availability_in_errors) error_of(envelope)["availability"].as_object()["excluded_by"] = json::array{"data_policy"};
    return error_reply(404, std::move(envelope));
}

reply no_endpoints(const scenario& world, std::string_view id)
{
    auto envelope = with_user(error_envelope(404, "No endpoints found for " + std::string(id) + "."), world);
    add_availability(envelope, world, "no_endpoints", false, id, "not_found", 404);
    return error_reply(404, std::move(envelope));
}

// A retired model: 404 with the availability object, whose code and fallback_models are the
// point of the answer (errors-and-debugging.mdx, "Model availability errors": model_deprecated
// and free_variant_ended are 404, not retryable, fallback_models the suggested slugs). The
// message wording is not documented; these texts are ours.
reply retired(const scenario& world, std::string_view id, const retired_model& r)
{
    const std::string message = r.code == "free_variant_ended"
                                    ? "The free variant " + std::string(id) + " has ended"
                                    : std::string(id) + " has been deprecated and is no longer available";
    auto envelope = with_user(error_envelope(404, message), world);
    auto& error = error_of(envelope);
    error["error_type"] = "not_found";
    error["http_status"] = 404;
    json::array fallbacks;
    for (const auto& f : r.fallback_models) fallbacks.emplace_back(f);
    error["availability"] = {{"code", r.code},
                             {"retryable", false},
                             {"requested_models", json::array{id}},
                             {"fallback_models", std::move(fallbacks)},
                             {"docs_url", "https://openrouter.ai/docs/errors#" + r.code}};
    return error_reply(404, std::move(envelope));
}

reply context_exceeded(const admitted& a)
{
    const long output = a.max_tokens.value_or(0);
    const std::string message = "This endpoint's maximum context length is " + std::to_string(a.model->context_length()) +
                                " tokens. However, you requested about " + std::to_string(a.prompt_tokens + output) +
                                " tokens (" + std::to_string(a.prompt_tokens) + " of text input, " +
                                std::to_string(output) +
                                " in the output). Please reduce the length of either one, or use the "
                                "context-compression plugin to compress your prompt automatically.";
    auto envelope = error_envelope(400, message);
    error_of(envelope)["metadata"] = {{"provider_name", nullptr}};
    return error_reply(400, std::move(envelope));
}

long output_budget(const admitted& a)
{
    if (a.max_tokens) return *a.max_tokens;
    const auto* top = a.model->model.if_contains("top_provider");
    if (top && top->is_object())
        if (const auto* max = top->as_object().if_contains("max_completion_tokens"); max && max->is_int64())
            return long(max->as_int64());
    return 16384;
}

// The two 402 texts: the account's credits, or the key's own spending cap.
reply cannot_afford(const scenario& world, long requested, long affordable, bool key_cap, const key_record& key)
{
    std::string fix = key_cap ? "https://openrouter.ai/settings/keys and create a key with a higher " +
                                    (key.limit_reset && *key.limit_reset != "none" ? *key.limit_reset + " limit" : std::string("limit"))
                              : std::string("https://openrouter.ai/settings/credits and upgrade to a paid account");
    // The OpenAPI example's wording for an account out of credit (openrouter-api.md §5.2).
    if (!key_cap && world.credits_wording == "insufficient")
        return error_reply(402, with_user(error_envelope(402, "Insufficient credits. Add more using https://openrouter.ai/credits"),
                                          world));
    auto envelope = with_user(
        error_envelope(402, "This request requires more credits, or fewer max_tokens. You requested up to " +
                                std::to_string(requested) + " tokens, but can only afford " +
                                std::to_string(std::max(affordable, 0L)) + ". To increase, visit " + fix),
        world);
    error_of(envelope)["metadata"] = {{"provider_name", nullptr}};
    return error_reply(402, std::move(envelope));
}

// Whole tokens a USD amount buys; the epsilon keeps 0.02 / 0.00001 at 2000, not 1999.
long tokens_for(double usd, double price_per_token)
{
    return long(std::floor(usd / price_per_token + 1e-6));
}

std::optional<reply> check_credits(const scenario& world, const key_record& key, const admitted& a)
{
    const long requested = output_budget(a);
    const double price = a.model->completion_price();
    // A negative balance blocks even free models (limits.mdx).
    if (key.balance() < 0) return cannot_afford(world, requested, 0, false, key);
    if (price <= 0) return std::nullopt;
    if (key.limit && key.limit_remaining) {
        // A key cap not yet used up that cannot pay for the prompt alone: the key-cap text
        // "Prompt tokens limit exceeded: N > M" (triage.md §3).
        if (const double prompt_price = a.model->prompt_price(); *key.limit_remaining > 0 && prompt_price > 0) {
            const long prompt_affordable = tokens_for(*key.limit_remaining, prompt_price);
            if (a.prompt_tokens > prompt_affordable)
                return error_reply(402, with_user(error_envelope(402, "Prompt tokens limit exceeded: " +
                                                                          std::to_string(a.prompt_tokens) + " > " +
                                                                          std::to_string(prompt_affordable)),
                                                  world));
        }
        const long affordable = tokens_for(*key.limit_remaining, price);
        if (*key.limit_remaining <= 0 || affordable < requested) return cannot_afford(world, requested, affordable, true, key);
    }
    const long affordable = tokens_for(key.balance(), price);
    if (affordable < requested) return cannot_afford(world, requested, affordable, false, key);
    return std::nullopt;
}

reply free_quota_exhausted(const scenario& world, const key_record& key)
{
    const std::string limit = std::to_string(key.free_requests.limit);
    const std::string reset = std::to_string(next_utc_midnight_ms());
    const bool high_balance = key.free_requests.limit > 50;
    auto envelope = with_user(
        error_envelope(429, high_balance ? "Rate limit exceeded: free-models-per-day-high-balance. "
                                         : "Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 "
                                           "free model requests per day"),
        world);
    json::object metadata{{"headers", {{"X-RateLimit-Limit", limit}, {"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset", reset}}},
                          {"limit_source", "openrouter_free_tier_daily"},
                          {"provider_name", nullptr}};
    if (high_balance) metadata["remedy_hint"] = "Wait for the daily reset";
    error_of(envelope)["metadata"] = std::move(metadata);
    // The free tier sends no Retry-After: clients read X-RateLimit-Reset.
    auto r = error_reply(429, std::move(envelope));
    r.headers = {{"X-RateLimit-Limit", limit}, {"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset", reset}};
    return r;
}

std::string serving_provider(const model_entry& model)
{
    for (const auto& endpoint : model.endpoints) {
        const auto& e = endpoint.as_object();
        const auto* status = e.if_contains("status");
        if ((!status || *status == 0) && e.contains("provider_name") && e.at("provider_name").is_string())
            return std::string(e.at("provider_name").as_string());
    }
    const auto& first = model.endpoints.front().as_object();
    return first.contains("provider_name") && first.at("provider_name").is_string()
               ? std::string(first.at("provider_name").as_string())
               : "OpenRouter";
}

std::optional<reply> provider_failure(const scenario& world, const model_entry& model)
{
    const auto retry_after = std::to_string(model.retry_after_s);
    switch (model.inference) {
    case inference_outcome::ok: return std::nullopt;
    case inference_outcome::provider_error: {
        const auto provider = serving_provider(model);
        auto envelope = with_user(error_envelope(502, "Provider returned error"), world);
        error_of(envelope)["metadata"] = {
            {"raw", "{\"error\":{\"message\":\"upstream connect error or disconnect/reset before headers\"}}"},
            {"provider_name", provider}};
        return error_reply(502, std::move(envelope));
    }
    case inference_outcome::unavailable: {
        auto envelope = with_user(error_envelope(503, "Service temporarily unavailable"), world);
        add_availability(envelope, world, "temporarily_unavailable", true, model.id, "provider_overloaded", 503);
        auto r = error_reply(503, std::move(envelope));
        r.headers = {{"Retry-After", retry_after}};
        return r;
    }
    case inference_outcome::capacity: {
        auto envelope = with_user(error_envelope(429, "All providers for " + model.id + " are at capacity. Retry after " +
                                                          retry_after + " seconds."),
                                  world);
        error_of(envelope)["metadata"] = {{"limit_source", "openrouter_shared_capacity"}, {"provider_name", nullptr}};
        add_availability(envelope, world, "capacity_exhausted", true, model.id, "rate_limit_exceeded", 429);
        if (world.availability_in_errors)
            error_of(envelope)["availability"].as_object()["retry_after"] = model.retry_after_s;
        auto r = error_reply(429, std::move(envelope));
        r.headers = {{"Retry-After", retry_after}};
        return r;
    }
    }
    return std::nullopt;
}

// OpenRouter's Responses API is stateless (responses/overview.mdx). The exact text of
// this 400 is not documented; this wording is ours.
std::optional<reply> stateful_response(const json::object& body)
{
    const auto* store = body.if_contains("store");
    const auto* previous = body.if_contains("previous_response_id");
    const bool stored = store && store->is_bool() && store->as_bool();
    const bool chained = previous && !previous->is_null();
    if (!stored && !chained) return std::nullopt;
    return error_reply(400, error_envelope(400, stored ? "store: true is not supported: the Responses API is stateless"
                                                       : "previous_response_id is not supported: the Responses API is stateless"));
}

std::string generation_id(std::string_view prefix, std::int64_t now_unix)
{
    static std::uint64_t counter = 0;
    std::uint64_t state = (std::uint64_t(now_unix) << 20) ^ ++counter * 0x9E3779B97F4A7C15ULL;
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string id(prefix);
    for (int i = 0; i < 20; ++i) {
        state ^= state >> 33;
        state *= 0xff51afd7ed558ccdULL;
        id += alphabet[state % 62];
    }
    return id;
}

void charge(key_record& key, const model_entry& model, double cost)
{
    key.usage += cost;
    key.usage_daily += cost;
    key.usage_weekly += cost;
    key.usage_monthly += cost;
    key.total_usage += cost;
    if (key.limit_remaining) *key.limit_remaining -= cost;
    if (model.is_free()) {
        ++key.free_requests.used;
        --key.free_requests.remaining;
    }
}

reply generate(inference_api api, const admitted& a, scenario& world, key_record& key, std::int64_t now_unix)
{
    completion c;
    c.id = api == inference_api::responses ? generation_id("resp_", now_unix)
                                           : generation_id("gen-" + std::to_string(now_unix) + "-", now_unix);
    c.model = a.model->id;
    c.provider = serving_provider(*a.model);
    c.created = now_unix;
    c.text = world.completion_text;
    c.prompt_tokens = std::max(a.prompt_tokens, 1L);
    c.completion_tokens = long((c.text.size() + 3) / 4);
    if (a.max_tokens && c.completion_tokens > *a.max_tokens) {
        c.text.resize(std::size_t(std::max(*a.max_tokens, 0L)) * 4);
        c.completion_tokens = *a.max_tokens;
        c.cut_by_max_tokens = true;
    }
    c.cost = double(c.prompt_tokens) * a.model->prompt_price() + double(c.completion_tokens) * a.model->completion_price();
    charge(key, *a.model, c.cost);
    world.generations.remember({c.id, key.name, c.model, c.provider,
                                api == inference_api::responses ? "responses" : "completions", c.created,
                                c.prompt_tokens, c.completion_tokens, c.cost, a.stream, c.cut_by_max_tokens});

    reply r;
    if (a.stream) {
        r.content_type = "text/event-stream";
        r.body = api == inference_api::responses ? response_stream(c) : chat_completion_stream(c);
    } else {
        r.body = api == inference_api::responses ? response_body(c) : chat_completion_body(c);
    }
    // The generation's id also comes as a header, for clients that read no body (streams).
    r.headers.emplace_back("X-Generation-Id", c.id);
    return r;
}

}  // namespace

reply serve_inference(inference_api api, const incoming& request, scenario& world, key_record& key, std::int64_t now_unix)
{
    // Management keys cannot run inference (management-api-keys.mdx). The status and
    // text OpenRouter uses for this are not documented: 403 with the docs' wording is
    // an assumption.
    if (key.management)
        return error_reply(403, error_envelope(403, "Management keys cannot be used to make API calls to "
                                                    "OpenRouter's completion endpoints"));

    boost::system::error_code parse_error;
    const auto parsed = json::parse(request.body, parse_error);
    if (parse_error || !parsed.is_object())
        return error_reply(400, error_envelope(400, "Invalid JSON in request body"));
    const auto& body = parsed.as_object();
    if (api == inference_api::responses)
        if (auto refused = stateful_response(body)) return std::move(*refused);

    const auto* model_field = body.if_contains("model");
    if (!model_field || !model_field->is_string() || model_field->as_string().empty()) {
        const auto* models = body.if_contains("models");
        if (!models || !models->is_array() || models->as_array().empty() || !models->as_array()[0].is_string())
            return error_reply(400, error_envelope(400, "No models provided"));
        model_field = &models->as_array()[0];
    }
    const std::string id(model_field->as_string());

    admitted a;
    a.model = world.models.resolve(id);
    if (const auto gone = world.retired_models.find(id); !a.model && gone != world.retired_models.end())
        return retired(world, id, gone->second);
    if (!a.model) return invalid_model(world, id);
    if (excluded_for(key, a.model->id)) return privacy_blocked(world, id);
    if (a.model->endpoints.empty()) return no_endpoints(world, id);
    a.prompt_tokens = estimate_tokens(body);
    a.max_tokens = requested_max_tokens(body, api);
    a.stream = body.contains("stream") && body.at("stream").is_bool() && body.at("stream").as_bool();
    if (a.model->context_length() > 0 && a.prompt_tokens + a.max_tokens.value_or(0) > a.model->context_length())
        return context_exceeded(a);
    if (auto refused = check_credits(world, key, a)) return std::move(*refused);
    if (a.model->is_free() && key.free_requests.remaining <= 0) return free_quota_exhausted(world, key);
    if (auto failed = provider_failure(world, *a.model)) return std::move(*failed);
    return generate(api, a, world, key, now_unix);
}

}  // namespace ngd::sim
