#pragma once
/// The subcommands. Each parses its own arguments (Boost.Program_options) and returns the
/// process exit code: 0 fine, 1 a check failed / a config error, 2 usage error, 3 crash.
#include <iosfwd>
#include <span>
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

/// A subcommand: its name, what runs it, and its line in `ngdoctor --help`.
struct command {
    const char* name;
    int (*run)(const std::vector<std::string>&, console&);
    const char* synopsis;
};

/// Every subcommand, in the order `--help` lists them (the table is in main.cpp).
std::span<const command> command_table();

/// `ngdoctor --help`: the commands and their synopses.
void print_usage(std::ostream& out);

/// The whole command line after the program name: global options before the command,
/// `help COMMAND`, `--version`, "did you mean"; then the command. Returns the exit code.
int run_front_end(const std::vector<std::string>& args, console& io);

/// An option of the check commands as it is spelled, for options given before the command.
struct option_spelling {
    std::string long_name;   ///< "--env-file"
    std::string short_name;  ///< "-v", or ""
    bool takes_value = false;
};

/// The options of check-all and check (the same list their --help prints).
std::vector<option_spelling> check_option_list();

int run_check_all(const std::vector<std::string>& args, console& io);
int run_check(const std::vector<std::string>& args, console& io);
int run_list_checks(const std::vector<std::string>& args, console& io);
int run_dump_config(const std::vector<std::string>& args, console& io);
int run_explain(const std::vector<std::string>& args, console& io);
int run_report(const std::vector<std::string>& args, console& io);
int run_bundle(const std::vector<std::string>& args, console& io);
int run_completion(const std::vector<std::string>& args, console& io);
int run_triage(const std::vector<std::string>& args, console& io);
int run_man(const std::vector<std::string>& args, console& io);

}  // namespace ngd::cli
