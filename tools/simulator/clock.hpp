#pragma once
/// Wall-clock functions: the simulator's dates (key expiry, model deprecation, rate-limit
/// resets) are computed from the current UTC time so scenarios stay meaningful any day.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ngd::sim {

/// Seconds since the Unix epoch, now.
std::int64_t unix_now();

/// "YYYY-MM-DD" (UTC) of a Unix time.
std::string utc_date(std::int64_t unix_seconds);

/// "YYYY-MM-DDTHH:MM:SS.mmmZ" (UTC) of a point in time.
std::string iso_time(std::chrono::system_clock::time_point when);

/// "YYYY-MM-DDTHH:MM:SSZ" (UTC) of a Unix time.
std::string iso_time(std::int64_t unix_seconds);

/// The next UTC midnight, in milliseconds since the epoch (OpenRouter's X-RateLimit-Reset).
std::int64_t next_utc_midnight_ms();

/// Reads "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS[.fff]Z" (UTC); nullopt when malformed.
std::optional<std::int64_t> parse_utc_time(std::string_view text);

/// RFC 1123 date for RSS feeds ("Sun, 22 Nov 2026 01:47:22 GMT").
std::string rfc1123_time(std::int64_t unix_seconds);

}  // namespace ngd::sim
