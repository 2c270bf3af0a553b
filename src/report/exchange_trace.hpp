#pragma once
/// One HTTP exchange as `curl -v` shows it, for `-vv`: `> ` the request line and headers,
/// `< ` the status and the response headers, `* ` a transport failure instead. Credentials
/// never show: Authorization is masked, cookies and credential-named headers are redacted,
/// key-shaped values are masked, and every line is scrubbed of the run's secrets and made
/// plain text (a server's bytes never reach the terminal raw).
#include "net/exchange_record.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ngd::report {

/// The lines of `record`, each ending in a line feed.
std::string render_exchange(const net::exchange_record& record, const std::vector<std::string>& secrets);

/// A header's value as a trace shows it (before the scrub): `Bearer sk-or-v1-0e6...c96` for
/// an Authorization, "[REDACTED]" for a credential-named header, cookie values redacted.
std::string shown_header_value(std::string_view name, std::string_view value);

/// "312 B", "1.2 kB", "3.4 MB" (powers of 1000, as curl's progress meter counts).
std::string describe_bytes(std::size_t bytes);

}  // namespace ngd::report
