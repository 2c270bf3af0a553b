#pragma once
/// GET /key (and the legacy GET /auth/key): what OpenRouter knows about the key in use.
#include "openrouter/parse_error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::openrouter {

/// The daily `:free` model quota of the account (newer bodies only).
struct free_model_quota {
    std::int64_t limit = 0;
    std::int64_t remaining = 0;
    std::int64_t used = 0;
};

/// The deprecated `rate_limit` object ("always -1"; older keys: {requests, interval:"10s"}).
struct legacy_rate_limit {
    std::int64_t requests = 0;
    std::string interval;
    std::string note;
};

/// The `data` object of /key. Fields only the current shape has are optional, so the
/// legacy /auth/key shape {label, usage, limit, is_free_tier, rate_limit} reads too.
struct key_info {
    std::string label;                          ///< OpenRouter's masked form of the key
    std::optional<double> limit;                ///< USD cap; nullopt = unlimited
    std::optional<double> limit_remaining;      ///< USD left under `limit`; nullopt = unlimited or not sent
    bool has_limit_remaining = false;           ///< the body carried the field (even as null)
    std::optional<std::string> limit_reset;     ///< "daily", "weekly", "monthly", or nullopt = never
    std::optional<bool> include_byok_in_limit;
    double usage = 0;                           ///< USD, all time
    std::optional<double> usage_daily, usage_weekly, usage_monthly;
    std::optional<double> byok_usage, byok_usage_daily, byok_usage_weekly, byok_usage_monthly;
    bool is_free_tier = false;
    /// `is_management_key`, or its deprecated alias `is_provisioning_key` (either one true).
    bool is_management_key = false;
    std::optional<std::string> expires_at;      ///< ISO-8601, nullopt = never expires
    std::optional<std::string> creator_user_id;
    std::optional<std::string> organization_id;
    std::optional<std::string> workspace_id;
    std::vector<std::string> allowed_data_regions;
    std::optional<free_model_quota> free_model_daily_requests;  ///< absent in older bodies
    std::optional<legacy_rate_limit> rate_limit;

    /// USD left under the cap: `limit_remaining` when sent, else `limit - usage` when
    /// there is a limit (legacy bodies), else nullopt (no cap).
    std::optional<double> remaining_under_limit() const;
};

/// Parses a /key or /auth/key body ({"data": {...}}).
parse_result<key_info> parse_key_info(std::string_view body);

}  // namespace ngd::openrouter
