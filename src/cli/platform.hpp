#pragma once
/// Facts about this machine that a report or a bundle carries for a reader elsewhere.
#include "report/report.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::cli {

/// OS, kernel, CA store (plus `cacert_files`), the proxy in use and this build.
report::platform_view this_platform(const std::vector<std::string>& cacert_files,
                                    const std::optional<std::string>& proxy);

/// `url` without the user:password part of its authority.
std::string without_credentials(std::string_view url);

/// The current time in UTC, "2026-01-31T12:00:00Z".
std::string utc_now();

}  // namespace ngd::cli
