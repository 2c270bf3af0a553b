#pragma once
/// Dates as OpenRouter writes them, and durations as a person reads them.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace ngd::checks {

/// "2027-12-31T23:59:59Z", "2027-12-31T23:59:59.123+00:00", or a bare "2027-12-31" (UTC midnight).
std::optional<std::chrono::system_clock::time_point> parse_iso8601(std::string_view text);

/// "3 days", "5 h 12 min", "40 s".
std::string duration_text(std::chrono::system_clock::duration d);

/// "2026-11-23 00:00 UTC".
std::string utc_text(std::chrono::system_clock::time_point when);

}  // namespace ngd::checks
