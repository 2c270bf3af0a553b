#pragma once
/// GET /credits (management keys only): credits bought and used by the account.
#include "openrouter/parse_error.hpp"

#include <string_view>

namespace ngd::openrouter {

/// The `data` object of /credits.
struct credits {
    double total_credits = 0;  ///< USD bought
    double total_usage = 0;    ///< USD used

    /// What is left; negative when the account is overdrawn (then even free models 402).
    double balance() const { return total_credits - total_usage; }
};

/// Parses a /credits body ({"data": {"total_credits", "total_usage"}}).
parse_result<credits> parse_credits(std::string_view body);

}  // namespace ngd::openrouter
