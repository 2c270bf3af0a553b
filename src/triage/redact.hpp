#pragma once
/// Keys in what triage reads: found, so the file can be named, and removed from every
/// line before it is shown. A key is never shown, not even masked.
#include <string>
#include <string_view>

namespace ngd::triage {

/// The line holds a key in clear: an `sk-or-...` token, a `Bearer <token>`, or an
/// `api_key` / `*_api_key` set to a literal (not `${...}`, not masked).
bool holds_key(std::string_view line);

/// `line` with every key replaced by "[REDACTED]", invalid UTF-8 and control characters
/// replaced by '?', so it can be printed and put in JSON.
std::string redact(std::string_view line);

/// `text` cut to at most `width` characters (not bytes), with "…" when cut.
std::string cut_to_width(std::string_view text, std::size_t width);

}  // namespace ngd::triage
