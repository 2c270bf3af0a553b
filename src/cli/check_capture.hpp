#pragma once
/// check-all run for another command (`bundle`): the report kept instead of printed.
#include "cli/commands.hpp"
#include "report/report.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ngd::cli {

struct captured_run {
    std::optional<report::run_report> report;  ///< empty after a usage error or --help
    std::vector<std::string> secrets;           ///< the run's keys, for the last scan of what is written
};

/// check-all with `args`; usage errors and --help go to `io` as check-all's would (named
/// "bundle"). Returns the exit code.
int run_check_all_captured(const std::vector<std::string>& args, console& io, captured_run& capture);

}  // namespace ngd::cli
