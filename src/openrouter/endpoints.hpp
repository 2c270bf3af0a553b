#pragma once
/// GET /models/{author}/{slug}/endpoints: the providers serving one model, with health.
#include "openrouter/model.hpp"
#include "openrouter/parse_error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::openrouter {

/// p50/p75/p90/p99 of a latency (time to first token) or a throughput (tokens/s).
struct percentiles {
    std::optional<double> p50, p75, p90, p99;
};

/// One provider serving the model, with its recent health.
struct endpoint {
    std::string name;                      ///< "OpenAI | openai/gpt-4o-mini"
    std::optional<std::string> model_id;   ///< permaslug
    std::optional<std::string> model_name;
    std::string provider_name;             ///< display name, "Amazon Bedrock"
    std::string tag;                       ///< provider slug used in provider.order/only/ignore
    std::optional<std::int64_t> context_length;
    std::optional<std::int64_t> max_completion_tokens;
    std::optional<std::int64_t> max_prompt_tokens;
    std::optional<prices> pricing;
    std::optional<std::string> quantization;
    std::vector<std::string> supported_parameters;
    /// 0 = serving normally; negative values = degraded or disabled (values are an open
    /// set; absent in some bodies).
    std::optional<std::int64_t> status;
    std::optional<double> uptime_last_30m;  ///< percent; nullopt = not enough data
    std::optional<double> uptime_last_5m;
    std::optional<double> uptime_last_1d;
    std::optional<percentiles> latency_last_30m;
    std::optional<percentiles> throughput_last_30m;
    std::optional<bool> supports_implicit_caching;
};

/// The `data` object: the model and its endpoints (an empty list = nobody serves it now).
struct endpoint_list {
    std::string id;
    std::string name;
    std::optional<std::int64_t> created;
    std::optional<std::string> description;
    std::optional<model_architecture> architecture;
    std::vector<endpoint> endpoints;
};

/// Parses an endpoints body ({"data": {...}}).
parse_result<endpoint_list> parse_endpoint_list(std::string_view body);

}  // namespace ngd::openrouter
