// The command line before a command runs: `--version`, `--help`, `help COMMAND`, options
// given before the command (`ngdoctor --json check-all` is `ngdoctor check-all --json`),
// and "did you mean" for a mistyped command or top-level flag.
#include "cli/commands.hpp"
#include "doctor/did_you_mean.hpp"
#include "doctor/exit_code.hpp"
#include "report/report.hpp"

#include <algorithm>
#include <ostream>

namespace ngd::cli {

void print_usage(std::ostream& out)
{
    out << "Usage: ngdoctor [options] COMMAND [options]\n\n"
           "Finds why a NeMo Gym run against OpenRouter (or any OpenAI-compatible endpoint)\n"
           "fails: key, base URL, model, provider, credits, rate limits, config.\n\nCommands:\n";
    for (const auto& c : command_table()) out << "  ngdoctor " << c.synopsis << "\n";
    out << "  ngdoctor help COMMAND | COMMAND --help         a command's options\n"
           "  ngdoctor --version | --help\n\n"
           "Options of a command may come before it: ngdoctor --json check-all.\n\n"
           "Exit codes: 0 no check failed, 1 a check failed (or warned, with --strict),\n"
           "2 usage error, 3 a check crashed.\n";
}

namespace {

const command* command_named(std::string_view name)
{
    for (const auto& c : command_table())
        if (name == c.name) return &c;
    return nullptr;
}

std::vector<std::string> command_names()
{
    std::vector<std::string> names;
    for (const auto& c : command_table()) names.emplace_back(c.name);
    return names;
}

/// The spelling `arg` is of (`--env-file`, `--env-file=x`, `-v`), or nullptr.
const option_spelling* spelling_of(std::string_view arg, const std::vector<option_spelling>& options)
{
    for (const auto& o : options) {
        if (arg == o.long_name || (!o.short_name.empty() && arg == o.short_name)) return &o;
        if (arg.starts_with(o.long_name + "=")) return &o;
    }
    return nullptr;
}

int unknown_command(console& io, const std::string& name)
{
    io.err << "ngdoctor: unknown command '" << name << "'" << doctor::did_you_mean(name, command_names())
           << "\nTry 'ngdoctor --help'.\n";
    return doctor::exit_usage;
}

}  // namespace

int run_front_end(const std::vector<std::string>& args, console& io)
{
    // Options before the command are carried after it, with their values.
    const auto options = check_option_list();
    std::vector<std::string> carried;
    std::size_t at = 0;
    for (; at < args.size() && args[at].starts_with('-') && args[at] != "-"; ++at) {
        const std::string& arg = args[at];
        if (arg == "--version" || arg == "-V") {
            io.out << "ngdoctor " << report::version() << "\n";
            return doctor::exit_ok;
        }
        if (arg == "--help" || arg == "-h") {
            print_usage(io.out);
            return doctor::exit_ok;
        }
        const auto* spelling = spelling_of(arg, options);
        if (!spelling) {
            std::vector<std::string> names{"--version", "--help"};
            for (const auto& o : options) names.push_back(o.long_name);
            io.err << "ngdoctor: unknown option '" << arg << "'" << doctor::did_you_mean(arg, names)
                   << "\nTry 'ngdoctor --help'.\n";
            return doctor::exit_usage;
        }
        carried.push_back(arg);
        if (spelling->takes_value && arg.find('=') == std::string::npos) {
            if (at + 1 >= args.size()) {
                io.err << "ngdoctor: " << arg << " wants a value\nTry 'ngdoctor --help'.\n";
                return doctor::exit_usage;
            }
            carried.push_back(args[++at]);
        }
    }
    if (at == args.size()) {
        print_usage(io.err);
        return doctor::exit_usage;
    }
    std::string name = args[at];
    std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(at) + 1, args.end());
    if (name == "help") {
        if (rest.empty()) {
            print_usage(io.out);
            return doctor::exit_ok;
        }
        if (rest.size() > 1) {
            io.err << "ngdoctor help: name one command\n";
            return doctor::exit_usage;
        }
        name = rest.front();
        rest = {"--help"};
    }
    const command* c = command_named(name);
    if (!c) return unknown_command(io, name);
    carried.insert(carried.end(), rest.begin(), rest.end());
    return c->run(carried, io);
}

}  // namespace ngd::cli
