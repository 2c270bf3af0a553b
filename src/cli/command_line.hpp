#pragma once
/// What every command does with its command line: Program_options parsing with `--json`
/// taken out first, "did you mean" for an unknown option, and the usage error's form.
#include "cli/commands.hpp"

#include <boost/program_options.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::cli {

/// "--name" for each option of `d`.
std::vector<std::string> option_names(const boost::program_options::options_description& d);

/// Parses `args` into the options of `all` (positional words as `positional` says). With
/// `json`, `--json` and `--json=LAYOUT` are taken out first and stored there ("auto" for the
/// bare flag): a Program_options value that is optional would take the next word (an
/// override) as its value. Returns the usage message for a mistake (an unknown option gets
/// a suggestion among the options of `described`), or nullopt.
std::optional<std::string> parse_command_line(const std::vector<std::string>& args,
                                              const boost::program_options::options_description& all,
                                              const boost::program_options::positional_options_description& positional,
                                              const boost::program_options::options_description& described,
                                              std::optional<std::string>* json = nullptr);

/// Prints "ngdoctor COMMAND: MESSAGE" and where to read the help, on stderr, with any key in
/// the message masked (it may quote an argument, and an argument may hold a key); returns
/// the usage exit code.
int usage_error(console& io, const std::string& message, std::string_view command);

}  // namespace ngd::cli
