#pragma once
/// Who is calling: the bearer key of a request, matched against the scenario's keys.
#include "simulator/exchange.hpp"
#include "simulator/scenario.hpp"

#include <cstdint>
#include <string>

namespace ngd::sim {

enum class caller_kind {
    anonymous,  ///< no Authorization header, or an empty bearer
    unknown,    ///< a key the scenario does not know
    rejected,   ///< a known key that is revoked or expired
    valid,
};

struct caller {
    caller_kind kind = caller_kind::anonymous;
    key_record* key = nullptr;  ///< set for rejected and valid keys
    std::string log_name;       ///< "none", "unknown" or the key's name: what the request log shows
};

/// Identifies the caller of a request.
caller identify(const incoming& request, scenario& world, std::int64_t now_unix);

/// The 401 OpenRouter gives a caller that is not `valid`: "No auth credentials found"
/// without a key, "User not found." for an unknown, revoked or expired one.
reply unauthorized(const caller& who, const scenario& world);

}  // namespace ngd::sim
