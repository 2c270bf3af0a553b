#pragma once
/// OpenRouter's rate-limit headers and the standard Retry-After header.
#include "net/http.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ngd::openrouter {

/// X-RateLimit-Limit / -Remaining / -Reset, sent by OpenRouter on its own 429s (and echoed
/// in `error.metadata.headers`). Reset is epoch milliseconds.
struct rate_limit_headers {
    std::optional<std::int64_t> limit;
    std::optional<std::int64_t> remaining;
    std::optional<std::int64_t> reset_ms;

    bool empty() const { return !limit && !remaining && !reset_ms; }
    /// The reset moment, when X-RateLimit-Reset was given.
    std::optional<std::chrono::system_clock::time_point> reset_time() const;
};

/// Reads the three headers (case-insensitive); a value that is not a whole number is left out.
rate_limit_headers read_rate_limit_headers(const net::header_list& headers);

/// A whole, non-negative decimal number ("50", " 1788220800000 "), or nullopt.
std::optional<std::int64_t> parse_header_integer(std::string_view text);

/// Retry-After: either a delay in seconds or an HTTP-date.
struct retry_after {
    std::optional<std::chrono::seconds> delay;
    std::optional<std::chrono::system_clock::time_point> at;

    /// How long to wait counted from `now` (never negative).
    std::chrono::seconds wait_from(std::chrono::system_clock::time_point now) const;
};

/// "120", or an HTTP-date in any of RFC 9110's three forms ("Sun, 06 Nov 1994 08:49:37 GMT",
/// "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"); nullopt otherwise.
std::optional<retry_after> parse_retry_after(std::string_view text);

/// The Retry-After header of a response, parsed.
std::optional<retry_after> read_retry_after(const net::header_list& headers);

/// An HTTP-date (the three forms above), as UTC.
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text);

}  // namespace ngd::openrouter
