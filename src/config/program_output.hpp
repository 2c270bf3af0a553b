#pragma once
/// Another program's version line: the interpreter's for NeMo Gym's `python_version`, and
/// the bundle's environment facts.
#include <optional>
#include <string>
#include <vector>

namespace ngd::config {

/// What `program args...` prints on stdout (stderr joined to it), when `program` (a path, or
/// a name looked up on PATH) exits within `seconds`; nullopt otherwise. No shell; at most
/// 64 KiB is kept.
std::optional<std::string> output_of(const std::string& program, const std::vector<std::string>& args,
                                     int seconds = 10);

}  // namespace ngd::config
