#include "openrouter/generation.hpp"

#include "openrouter/json_read.hpp"

#include <cmath>

namespace ngd::openrouter {

// The fields and their kinds: OpenRouter's OpenAPI description of GET /generation
// (OpenRouterTeam/docs, openapi/openapi.yaml, path /generation, schema GenerationResponse)
// and the SDK's schema of it (OpenRouterTeam/typescript-sdk, src/models/generationresponse.ts:
// GenerationResponseData$inboundSchema). The wire names are snake_case; the SDK's own
// camelCase spelling is accepted too, in case a body passed through it.
namespace {

using detail::object_reader;

std::optional<std::string> text(object_reader& data, std::string_view snake, std::string_view camel)
{
    if (data.has(snake)) return data.opt_string(snake);
    return data.opt_string(camel);
}

std::optional<double> number(object_reader& data, std::string_view snake, std::string_view camel)
{
    if (data.has(snake)) return data.opt_number(snake);
    return data.opt_number(camel);
}

std::optional<std::int64_t> count(object_reader& data, std::string_view snake, std::string_view camel)
{
    // Token counts are integers, but a float written by some JSON encoder ("25.0") is still a count.
    // One past int64's range (2^63 and up) is no count at all, and converting it is undefined.
    if (auto n = number(data, snake, camel); n && std::fabs(*n) < 9.2233720368547758e18)
        return static_cast<std::int64_t>(*n);
    return std::nullopt;
}

generation read_generation(object_reader& data)
{
    generation g;
    g.id = data.string("id");
    g.model = data.opt_string("model").value_or("");
    g.provider_name = text(data, "provider_name", "providerName");
    g.finish_reason = text(data, "finish_reason", "finishReason");
    g.native_finish_reason = text(data, "native_finish_reason", "nativeFinishReason");
    g.latency_ms = data.opt_number("latency");
    g.generation_time_ms = number(data, "generation_time", "generationTime");
    g.tokens_prompt = count(data, "tokens_prompt", "tokensPrompt");
    g.tokens_completion = count(data, "tokens_completion", "tokensCompletion");
    g.native_tokens_prompt = count(data, "native_tokens_prompt", "nativeTokensPrompt");
    g.native_tokens_completion = count(data, "native_tokens_completion", "nativeTokensCompletion");
    g.native_tokens_reasoning = count(data, "native_tokens_reasoning", "nativeTokensReasoning");
    g.total_cost = number(data, "total_cost", "totalCost");
    g.created_at = text(data, "created_at", "createdAt");
    g.cancelled = data.opt_boolean("cancelled");
    return g;
}

}  // namespace

parse_result<generation> parse_generation(std::string_view body)
{
    return detail::read_document<generation>(body, [](object_reader& root) {
        if (root.has("data")) {
            auto data = root.object("data");
            return read_generation(data);
        }
        return read_generation(root);
    });
}

}  // namespace ngd::openrouter
