#pragma once
/// What the simulated OpenRouter remembers of the generations it served, for
/// GET /api/v1/generation?id=: who asked (the key's account), the model, provider, tokens,
/// cost and finish reason. Bounded: the oldest records are forgotten first.
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>

namespace ngd::sim {

struct generation_record {
    std::string id;
    std::string key_name;  ///< the key that ran it: another key's account does not see it
    std::string model, provider;
    std::string api_type;  ///< "completions" or "responses"
    std::int64_t created = 0;
    long prompt_tokens = 0, completion_tokens = 0;
    double cost = 0;
    bool streamed = false;
    bool cut_by_max_tokens = false;
};

class generation_records {
public:
    static constexpr std::size_t capacity = 4096;

    void remember(generation_record record);
    const generation_record* find(const std::string& id) const;

private:
    std::map<std::string, generation_record> by_id_;
    std::deque<std::string> order_;
};

/// The body of GET /generation for `r`: {"data": {...}} with the fields of OpenRouter's
/// OpenAPI description (OpenRouterTeam/docs openapi/openapi.yaml, /generation).
std::string generation_body(const generation_record& r);

}  // namespace ngd::sim
