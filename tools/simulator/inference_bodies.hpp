#pragma once
/// Successful inference bodies: an OpenAI-shaped chat completion (plain or SSE) and an
/// OpenAI Responses object (plain or SSE), with OpenRouter's usage accounting.
#include <cstdint>
#include <string>

namespace ngd::sim {

/// What a simulated generation produced.
struct completion {
    std::string id;           ///< "gen-..." (chat) or "resp_..." (responses)
    std::string model;
    std::string provider;     ///< display name of the serving provider
    std::int64_t created = 0;
    std::string text;
    long prompt_tokens = 0;
    long completion_tokens = 0;
    double cost = 0;
    bool cut_by_max_tokens = false;  ///< finish_reason "length" / status "incomplete"
};

std::string chat_completion_body(const completion& c);
/// `text/event-stream`: keep-alive comment, content chunk, finish chunk, usage chunk, [DONE].
std::string chat_completion_stream(const completion& c);

std::string response_body(const completion& c);
/// `text/event-stream`: response.created, output_text.delta/done, response.completed.
std::string response_stream(const completion& c);

}  // namespace ngd::sim
