#pragma once
/// POST /chat/completions, reduced to what a probe needs: the request body of a tiny
/// completion and the parts of the answer that tell whether it worked.
#include "openrouter/parse_error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::openrouter {

/// An error reported inside a 200 answer (a provider failing after it started).
struct inline_error {
    std::optional<std::int64_t> code;
    std::string message;
    std::optional<std::string> error_type;  ///< metadata.error_type
};

/// One entry of `choices`.
struct chat_choice {
    std::int64_t index = 0;
    std::optional<std::string> role;
    std::optional<std::string> content;        ///< null for tool calls or refusals
    std::optional<std::string> finish_reason;  ///< stop, length, tool_calls, content_filter, error
    std::optional<std::string> native_finish_reason;
    std::optional<inline_error> error;
};

/// Token counts and the cost of the call.
struct chat_usage {
    std::int64_t prompt_tokens = 0;
    std::int64_t completion_tokens = 0;
    std::int64_t total_tokens = 0;
    std::optional<double> cost;  ///< USD
};

/// A non-streaming answer of /chat/completions.
struct chat_completion {
    std::string id;                       ///< "gen-..."
    std::string model;                    ///< the model that actually answered
    std::optional<std::string> provider;  ///< "OpenAI"
    std::optional<std::int64_t> created;
    std::vector<chat_choice> choices;
    std::optional<chat_usage> usage;
    std::optional<inline_error> error;    ///< a top-level error in a 200 body

    /// The first choice's text, if any.
    std::optional<std::string> first_content() const;
};

/// Parses a non-streaming chat completion body.
parse_result<chat_completion> parse_chat_completion(std::string_view body);

/// Parses a non-streaming Responses API object (POST /responses) into the same shape: the
/// output text as the first choice, input/output tokens as prompt/completion tokens, a
/// `"status": "failed"` object's error as the top-level error.
parse_result<chat_completion> parse_response_object(std::string_view body);

/// The Responses API body of a probe: `model`, `input` = `prompt`, `max_output_tokens`.
std::string responses_probe_body(std::string_view model, std::string_view prompt, int max_output_tokens = 16);

/// The JSON body of a probe: `model`, one user message `prompt`, `max_tokens`.
std::string chat_probe_body(std::string_view model, std::string_view prompt, int max_tokens = 16);

}  // namespace ngd::openrouter
