#include "cli/command_line.hpp"

#include "doctor/did_you_mean.hpp"
#include "doctor/exit_code.hpp"
#include "doctor/scrub.hpp"

#include <ostream>

namespace ngd::cli {
namespace po = boost::program_options;

std::vector<std::string> option_names(const po::options_description& d)
{
    std::vector<std::string> names;
    for (const auto& option : d.options()) names.push_back("--" + option->long_name());
    return names;
}

std::optional<std::string> parse_command_line(const std::vector<std::string>& args, const po::options_description& all,
                                              const po::positional_options_description& positional,
                                              const po::options_description& described, std::optional<std::string>* json)
{
    std::vector<std::string> rest;
    for (const auto& arg : args) {
        if (json && arg == "--json")
            *json = "auto";
        else if (json && arg.starts_with("--json="))
            *json = arg.substr(7);
        else
            rest.push_back(arg);
    }
    try {
        po::variables_map vm;
        // No abbreviations: "--show-secret" must not quietly mean --show-secrets, nor "--dead" --deadline.
        const int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
        po::store(po::command_line_parser(rest).options(all).positional(positional).style(style).run(), vm);
        po::notify(vm);
    } catch (const po::unknown_option& e) {
        return "unknown option " + e.get_option_name() + doctor::did_you_mean(e.get_option_name(), option_names(described));
    } catch (const po::error& e) {
        return std::string(e.what());
    }
    return std::nullopt;
}

int usage_error(console& io, const std::string& message, std::string_view command)
{
    io.err << "ngdoctor " << command << ": " << doctor::scrub(message, {}) << "\n"
           << "Try 'ngdoctor " << command << " --help'.\n";
    return doctor::exit_usage;
}

}  // namespace ngd::cli
