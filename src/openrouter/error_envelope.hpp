#pragma once
/// OpenRouter's error bodies: {"error": {code, message, metadata?, availability?}, "user_id"?},
/// and the failed-object shape of the Responses API ({"status":"failed", "error":{code:"..."}}).
#include "openrouter/parse_error.hpp"
#include "openrouter/rate_limit.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::openrouter {

/// The additive model-availability object of newer errors.
struct model_availability {
    std::string code;                     ///< "model_not_found", "capacity_exhausted", ... (open set)
    std::optional<bool> retryable;
    std::vector<std::string> requested_models;
    std::optional<double> retry_after;    ///< seconds
    std::vector<std::string> fallback_models;
    std::optional<std::string> docs_url;
};

/// `error.metadata`: what OpenRouter adds about the upstream provider and the limit hit.
struct error_metadata {
    std::optional<std::string> provider_name;
    std::optional<std::string> raw;            ///< upstream body (JSON text when it was not a string)
    std::optional<std::string> error_type;     ///< "context_length_exceeded", ...
    std::optional<std::string> provider_code;
    std::optional<std::string> limit_source;   ///< "openrouter_free_tier_daily", ...
    std::optional<std::string> remedy_hint;
    rate_limit_headers headers;                ///< X-RateLimit-* echoed in the body
    std::vector<std::string> available_providers;
    std::vector<std::string> requested_providers;
};

/// An error body, whichever of the two shapes it came in.
struct error_envelope {
    std::optional<std::int64_t> code;       ///< the numeric `error.code` (most routes), also from a digit string
    std::optional<std::string> code_text;   ///< a string `error.code` ("invalid_prompt", Responses API)
    std::string message;
    /// The typed error: `error.metadata.error_type`, else `error.error_type`, else the
    /// top-level `error_type` of a Responses failed object.
    std::optional<std::string> error_type;
    std::optional<error_metadata> metadata;
    std::optional<model_availability> availability;
    std::optional<std::string> user_id;
    std::optional<std::string> response_id;  ///< a Responses failed object's id
    bool responses_failed_object = false;    ///< the body was {"status":"failed", "error":{...}}
};

/// Parses an error body; a body without an `error` object is a parse error.
parse_result<error_envelope> parse_error_envelope(std::string_view body);

}  // namespace ngd::openrouter

namespace ngd::openrouter {

/// The message of an error body that is not OpenRouter's envelope but carries one at the
/// top level, as other OpenAI-compatible servers do ({"message": ...} or {"detail": "..."});
/// nullopt otherwise. Never fails.
std::optional<std::string> loose_error_message(std::string_view body);

}  // namespace ngd::openrouter
