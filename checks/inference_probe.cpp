// inference.probe (only with --live): one real request on the route the target's adapter
// sends (POST /responses for openai_model, POST /chat/completions for inference_provider
// and vllm_model), a tiny prompt and 16 output tokens, classified the way the
// troubleshooting guide groups failures.
#include "checks/common.hpp"
#include "checks/network.hpp"
#include "checks/retired_model.hpp"
#include "checks/time_text.hpp"

namespace ngd::checks {
namespace {

using net::error_class;

std::string contains_any(const std::string& text, std::initializer_list<std::string_view> words)
{
    for (const auto w : words)
        if (text.find(w) != std::string::npos) return std::string(w);
    return "";
}

finding classify(const doctor::target& t, const openrouter::api_error& e, const std::string& curl,
                 std::chrono::system_clock::time_point now, const std::vector<std::string>& config_paths)
{
    // A retired model (404 with availability model_deprecated / free_variant_ended) names its replacement.
    if (const auto r = retired_from(e, t.model.value.value_or(""))) return retired_verdict(t, *r, curl, config_paths);
    const std::string said = e.server_message.empty() ? "" : ": " + quoted(e.server_message);
    const std::string type = e.envelope && e.envelope->error_type ? *e.envelope->error_type : "";
    switch (e.status) {
    case 400:
        if (type == "context_length_exceeded" || !contains_any(e.server_message, {"context length"}).empty())
            return doctor::fail("the model rejected the prompt as too long" + said, e.cls,
                                {"choose a model with a longer context, or shorten the prompts", {curl}});
        if (!contains_any(e.server_message, {"not a valid model", "model ID"}).empty() ||
            (e.envelope && e.envelope->availability))
            return doctor::fail("OpenRouter does not know the model" + said, e.cls,
                                {"set " + place(t.model) + " to an id from https://openrouter.ai/models", {curl}});
        return doctor::fail("the request was refused as invalid (400)" + said, e.cls, {"see the message", {curl}});
    case 401: return doctor::fail("the key was rejected (401)" + said, e.cls, new_key_fix(t, curl));
    case 402:
        return doctor::fail("not enough credits (402)" + said, e.cls,
                            {"add credits at https://openrouter.ai/settings/credits or raise the key's limit", {curl}});
    case 403:
        return doctor::fail("forbidden (403)" + said, e.cls,
                            {"a management key cannot run inference, and guardrails or moderation can block a "
                             "request: use an ordinary key and check the key's guardrail",
                             {curl}});
    case 404:
        return doctor::fail("no endpoint can serve this request (404)" + said, e.cls,
                            {"the model has no provider for these settings (data policy, provider.only, tools): "
                             "check https://openrouter.ai/settings/privacy and the target's extra_body.provider",
                             {curl}});
    case 413:
    case 422:
        return doctor::fail("the request was refused (" + std::to_string(e.status) + ")" + said, e.cls,
                            {"see the message; the probe sends one short message, so this points at the "
                             "model or its settings",
                             {curl}});
    case 408: return doctor::fail("the request timed out at OpenRouter (408)" + said, e.cls, {"retry later", {curl}});
    case 429: {
        std::string when;
        if (const auto reset = e.rate_limit.reset_time())
            when = "; the limit resets at " + utc_text(*reset) + " (in " + duration_text(*reset - now) + ")";
        else if (e.retry_after)
            when = "; retry in " + std::to_string(e.retry_after->wait_from(now).count()) + " s";
        return doctor::fail("rate limited (429)" + said + when, e.cls,
                            {"lower the run's concurrency, wait for the reset, or use a paid variant", {curl}});
    }
    case 502:
        return doctor::fail("the provider failed (502)" + said, e.cls,
                            {"the provider is down or returned an invalid answer: retry, or choose another model",
                             {curl}});
    case 503: {
        std::string wait = e.retry_after ? "; retry in " + std::to_string(e.retry_after->wait_from(now).count()) + " s" : "";
        return doctor::fail("no provider available (503)" + said + wait, e.cls,
                            {"no provider meets the routing requirements now: retry later, relax "
                             "extra_body.provider, or choose another model",
                             {curl}});
    }
    default: break;
    }
    return unanswered(e, "for a completion", curl);
}

}  // namespace

result inference_probe(check_context& ctx)
{
    const doctor::target& t = *ctx.tgt;
    if (!t.model.value || t.model.value->empty()) co_return doctor::skip("no model id is set");
    const std::string base = base_of(t), key = key_of(t), model = *t.model.value;
    const auto api = api_of(t);
    // The shared answer: credits reads the same one, so the two verdicts agree.
    const auto& answer = *co_await ctx.run.fetched->probe(base, key, model, api);
    if (!answer.ok()) co_return classify(t, answer.error, answer.curl, ctx.run.now(), ctx.run.config.config_paths);
    const auto& c = *answer.value;
    if (c.error)
        co_return doctor::fail("the provider failed while answering: " + quoted(c.error->message), net::error_class::http_5xx,
                               {"retry, or choose another model", {answer.curl}});
    std::string summary = (c.provider ? *c.provider : std::string("the provider")) + " answered";
    if (answer.raw) {
        char s[32];
        std::snprintf(s, sizeof s, " in %.2f s", static_cast<double>(answer.raw->elapsed.count()) / 1000.0);
        summary += s;
    }
    if (const auto text = c.first_content()) summary += ": " + quoted(text->substr(0, 40));
    std::vector<std::string> details{
        "POST " + answer.url + (api == openrouter::inference_api::responses ? " (the Responses API, as openai_model sends)"
                                                                          : " (chat completions, as " + t.adapter + " sends)"),
        "model " + c.model};
    if (c.usage) {
        std::string usage = std::to_string(c.usage->total_tokens) + " tokens";
        if (c.usage->cost) usage += ", " + usd(*c.usage->cost);
        details.push_back(usage);
    }
    co_return doctor::ok(summary, details);
}

}  // namespace ngd::checks
