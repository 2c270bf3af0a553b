#pragma once
/// The subcommands. Each parses its own arguments (Boost.Program_options) and returns the
/// process exit code: 0 fine, 1 a check failed / a config error, 2 usage error, 3 crash.
#include <iosfwd>
#include <string>
#include <vector>

namespace ngd::cli {

/// Where a command writes, and whether stdout is a terminal (colour, live status line).
struct console {
    std::ostream& out;
    std::ostream& err;
    bool out_is_tty = false;
    bool err_is_tty = false;
};

int run_check_all(const std::vector<std::string>& args, console& io);
int run_check(const std::vector<std::string>& args, console& io);
int run_list_checks(const std::vector<std::string>& args, console& io);
int run_dump_config(const std::vector<std::string>& args, console& io);
int run_explain(const std::vector<std::string>& args, console& io);
int run_report(const std::vector<std::string>& args, console& io);
int run_triage(const std::vector<std::string>& args, console& io);

}  // namespace ngd::cli
