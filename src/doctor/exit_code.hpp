#pragma once
/// The process exit codes of the check commands (spec §4).
#include "doctor/finding.hpp"

#include <vector>

namespace ngd::doctor {

enum exit_code : int {
    exit_ok = 0,       ///< no check failed (warnings allowed)
    exit_failed = 1,   ///< at least one `fail` (or `warn` with --strict)
    exit_usage = 2,    ///< unknown option, unknown check id, bad arguments
    exit_crashed = 3,  ///< at least one check crashed
};

/// Per status, how many findings have it.
struct tally {
    int ok = 0, warn = 0, fail = 0, skip = 0, crash = 0;
    int total() const { return ok + warn + fail + skip + crash; }
};

tally count(const std::vector<finding>& findings);

/// A crash outranks a failure, which outranks success.
int exit_code_for(const std::vector<finding>& findings, bool strict);

}  // namespace ngd::doctor
