#pragma once
/// Another program's version line, for the bundle's environment facts.
#include <optional>
#include <string>
#include <vector>

namespace ngd::cli {

/// What `program args...` prints on stdout (stderr joined to it), when `program` is on PATH
/// and exits within `seconds`; nullopt otherwise. No shell; at most 64 KiB is kept.
std::optional<std::string> output_of(const std::string& program, const std::vector<std::string>& args,
                                     int seconds = 10);

}  // namespace ngd::cli
