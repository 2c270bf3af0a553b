#pragma once
/// POST /api/v1/chat/completions and /api/v1/responses: the checks OpenRouter makes before
/// a generation (key, body, model, privacy, context, credits, free quota, provider health),
/// each failing with OpenRouter's own status and text, then a simulated generation.
#include "simulator/auth.hpp"
#include "simulator/exchange.hpp"
#include "simulator/scenario.hpp"

#include <cstdint>

namespace ngd::sim {

enum class inference_api { chat_completions, responses };

/// Answers an inference request from a caller already known to be `valid`.
reply serve_inference(inference_api api, const incoming& request, scenario& world, key_record& key,
                      std::int64_t now_unix);

}  // namespace ngd::sim
