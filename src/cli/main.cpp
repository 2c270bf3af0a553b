// ngdoctor: finds why a NeMo Gym run against OpenRouter fails, before or after it does.
#include "cli/commands.hpp"
#include "cli/scrubbed_stream.hpp"
#include "doctor/did_you_mean.hpp"
#include "doctor/exit_code.hpp"
#include "report/report.hpp"

#include <cstring>
#include <iostream>
#include <unistd.h>

namespace {

using ngd::cli::console;

struct command {
    const char* name;
    int (*run)(const std::vector<std::string>&, console&);
    const char* synopsis;
};

const command commands[] = {
    {"check-all", ngd::cli::run_check_all, "check-all  [options] [overrides...]   run every applicable check"},
    {"check", ngd::cli::run_check, "check ID|GROUP... [options] [overrides...]"},
    {"list-checks", ngd::cli::run_list_checks, "list-checks [--json]                  the check table"},
    {"dump-config", ngd::cli::run_dump_config,
     "dump-config [--format yaml|json] [--show-origin] [--show-secrets] [overrides...]"},
    {"explain", ngd::cli::run_explain, "explain ID                            the troubleshooting page of a check"},
    {"report", ngd::cli::run_report,
     "report [-q] [--group-by target|check] FILE   a saved check-all --json as text\n"
     "  ngdoctor report --diff OLD NEW                 which findings appeared, disappeared, changed"},
    {"triage", ngd::cli::run_triage, "triage [--json] [-v] PATH...          after a failed run: its causes from files and logs"},
};

void usage(std::ostream& out)
{
    out << "Usage: ngdoctor COMMAND [options]\n\n"
           "Finds why a NeMo Gym run against OpenRouter (or any OpenAI-compatible endpoint)\n"
           "fails: key, base URL, model, provider, credits, rate limits, config.\n\nCommands:\n";
    for (const auto& c : commands) out << "  ngdoctor " << c.synopsis << "\n";
    out << "  ngdoctor --version | --help | COMMAND --help\n\n"
           "Exit codes: 0 no check failed, 1 a check failed (or warned, with --strict),\n"
           "2 usage error, 3 a check crashed.\n";
}

}  // namespace

int main(int argc, char** argv)
{
    std::ios::sync_with_stdio(false);
    ngd::cli::scrubbed_buffer scrubbed_err(std::cerr.rdbuf());
    std::ostream err(&scrubbed_err);
    console io{std::cout, err, ::isatty(1) == 1, ::isatty(2) == 1};
    if (argc < 2) {
        usage(err);
        return ngd::doctor::exit_usage;
    }
    const std::string first = argv[1];
    if (first == "--version" || first == "-V") {
        std::cout << "ngdoctor " << ngd::report::version() << "\n";
        return ngd::doctor::exit_ok;
    }
    if (first == "--help" || first == "-h" || first == "help") {
        usage(std::cout);
        return ngd::doctor::exit_ok;
    }
    const std::vector<std::string> args(argv + 2, argv + argc);
    for (const auto& c : commands)
        if (first == c.name) {
            const int code = c.run(args, io);
            std::cout.flush();
            err.flush();
            return code;
        }
    std::vector<std::string> names;
    for (const auto& c : commands) names.emplace_back(c.name);
    err << "ngdoctor: unknown command '" << first << "'" << ngd::doctor::did_you_mean(first, names)
              << "\nTry 'ngdoctor --help'.\n";
    err.flush();
    return ngd::doctor::exit_usage;
}
