// ngdoctor: finds why a NeMo Gym run against OpenRouter fails, before or after it does.
#include "cli/commands.hpp"
#include "cli/scrubbed_stream.hpp"

#include <iostream>
#include <unistd.h>

namespace ngd::cli {

namespace {

const command commands[] = {
    {"check-all", run_check_all, "check-all  [options] [overrides...]   run every applicable check"},
    {"check", run_check, "check ID|GROUP... [options] [overrides...]"},
    {"list-checks", run_list_checks, "list-checks [--json]                  the check table"},
    {"dump-config", run_dump_config, "dump-config [--format yaml|json] [--show-origin] [--show-secrets] [overrides...]"},
    {"explain", run_explain, "explain ID|ERROR_CLASS|STATUS           the troubleshooting page of a check or an error"},
    {"triage", run_triage, "triage [--json] [-v] PATH...          after a failed run: its causes from files and logs"},
    {"report", run_report,
     "report [-q] [--group-by target|check] FILE   a saved check-all --json as text\n"
     "  ngdoctor report --diff OLD NEW                 which findings appeared, disappeared, changed"},
    {"bundle", run_bundle, "bundle [-o FILE] [--run PATH] [options] [overrides...]   one .tar.gz for a support thread"},
    {"completion", run_completion, "completion bash|zsh                   shell completion, from the check table"},
    {"man", run_man, "man                                   this manual as a man page (roff)"},
};

}  // namespace

std::span<const command> command_table()
{
    return commands;
}

}  // namespace ngd::cli

int main(int argc, char** argv)
{
    std::ios::sync_with_stdio(false);
    ngd::cli::scrubbed_buffer scrubbed_err(std::cerr.rdbuf());
    std::ostream err(&scrubbed_err);
    ngd::cli::console io{std::cout, err, ::isatty(1) == 1, ::isatty(2) == 1};
    const int code = ngd::cli::run_front_end(std::vector<std::string>(argv + 1, argv + argc), io);
    std::cout.flush();
    err.flush();
    return code;
}
