#pragma once
/// What the network checks share: the target's URL and key, the OpenRouter-only gate,
/// and one honest way to report an answer that did not come.
#include "checks/checks.hpp"
#include "doctor/answers.hpp"
#include "doctor/run_context.hpp"
#include "openrouter/api.hpp"

#include <optional>
#include <string>

namespace ngd::checks {

/// The target's base URL as the requests use it ("" when unset).
std::string base_of(const doctor::target& t);

/// The key as the requests send it: "" when unset or not sendable (see sendable_key).
std::string key_of(const doctor::target& t);

/// The key can go into an Authorization header as it is: non-empty printable ASCII
/// without spaces (key.format reports what is wrong with any other).
bool sendable_key(const doctor::target& t);

/// The API the target's adapter sends the run's requests to: NeMo Gym's openai_model calls
/// {base}/responses, inference_provider and vllm_model call {base}/chat/completions.
openrouter::inference_api api_of(const doctor::target& t);

/// A skip for checks that only OpenRouter answers, when the target is another server.
std::optional<finding> skip_unless_openrouter(const doctor::target& t, std::string_view what);

/// A failure that says what went wrong on the way (DNS, TLS, timeout, 5xx, 429, ...) and
/// never blames the key, the model or the credits for it.
finding unanswered(const openrouter::api_error& error, std::string_view asked, const std::string& curl);

/// The fix for a rejected key: where to get a new one, where to put it, how to try it.
doctor::fix new_key_fix(const doctor::target& t, const std::string& curl);

/// "$1.50" / "$0.0004".
std::string usd(double amount);

/// A server's own error text, quoted for a summary.
std::string quoted(const std::string& text);

}  // namespace ngd::checks
