#pragma once
/// GET /generation?id=<id>: what OpenRouter recorded about one generation after it ran
/// (provider, model, finish reason, timings, tokens, cost).
#include "openrouter/parse_error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ngd::openrouter {

/// The `data` object of /generation. Only `id` is required: the route documents most
/// fields as nullable, and a generation still being indexed may lack some.
struct generation {
    std::string id;
    std::string model;                        ///< the model that served it ("" when absent)
    std::optional<std::string> provider_name;
    std::optional<std::string> finish_reason;         ///< normalised by OpenRouter ("stop", "length", ...)
    std::optional<std::string> native_finish_reason;  ///< as the provider said it
    std::optional<double> latency_ms;          ///< time to the first token
    std::optional<double> generation_time_ms;  ///< time spent generating
    std::optional<std::int64_t> tokens_prompt, tokens_completion;
    std::optional<std::int64_t> native_tokens_prompt, native_tokens_completion, native_tokens_reasoning;
    std::optional<double> total_cost;  ///< USD
    std::optional<std::string> created_at;  ///< ISO 8601
    std::optional<bool> cancelled;
};

/// Parses a /generation body ({"data": {...}}; a bare object is read the same way), with
/// the documented snake_case names and the SDK's camelCase ones.
parse_result<generation> parse_generation(std::string_view body);

}  // namespace ngd::openrouter
