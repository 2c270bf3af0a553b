#pragma once
/// The nested-error unwrapper. NeMo Gym's exception middleware turns an upstream error
/// into `Hit an exception in <Class>___<key> calling an inner server: b'<body>'` (a Python
/// bytes repr inside a JSON string), and every server on the way wraps it again, so the
/// OpenRouter body ends up under several layers of escaping. This peels them all.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::triage {

/// One server the error passed through, outermost first: `SimpleAgent` / `my_agent`.
struct hop {
    std::string adapter;     ///< the class: SimpleAgent, InferenceProvider, SimpleModelServer, VLLMModel
    std::string server_key;  ///< the top-level config key: my_agent, policy_model
};

/// What an `{"error": {...}}` envelope says.
struct upstream_error {
    std::optional<int> code;           ///< `error.code` (the HTTP status OpenRouter meant)
    std::string message;               ///< `error.message`
    std::string provider;              ///< `error.metadata.provider_name`, when a provider failed
    std::string raw;                   ///< `error.metadata.raw`, the provider's own words
    std::string availability_code;     ///< `error.availability.code` (model_deprecated, ...)
    std::vector<std::string> fallback_models;
};

struct unwrapped {
    std::vector<hop> hops;              ///< empty when the text held no middleware wrapping
    std::string body;                   ///< the innermost body, unescaped ("" = an empty body)
    std::optional<upstream_error> error;  ///< the innermost body read as an error envelope
    bool found_wrapping = false;         ///< at least one `Hit an exception in` was peeled
};

/// Removes one level of backslash escaping, JSON's and Python bytes repr's alike
/// (\\ \" \' \n \r \t \b \f \/ \uXXXX \xNN). Unknown escapes are kept as they are.
std::string unescape_once(std::string_view text);

/// Peels every `Hit an exception in ... calling an inner server: b'...'` in `text`, at any
/// depth and whatever the escaping around it (a log line, a JSON field, a repr).
unwrapped unwrap(std::string_view text);

/// Reads an OpenRouter error envelope out of `text`: the first `{"error":` object, parsed
/// as JSON when it is whole, else (a body cut at 200 characters) its message and code read
/// leniently. nullopt when there is none.
std::optional<upstream_error> read_error_envelope(std::string_view text);

}  // namespace ngd::triage
