// `triage PATH...`: read a run's files and logs after it failed, print the causes (the
// owning check's finding, count, first place, evidence, fix) and the run's shape.
#include "cli/commands.hpp"

#include "doctor/did_you_mean.hpp"
#include "doctor/exit_code.hpp"
#include "doctor/scrub.hpp"
#include "report/triage_json.hpp"
#include "report/triage_text.hpp"
#include "triage/redact.hpp"
#include "triage/triage.hpp"

#include <boost/program_options.hpp>

#include <cstdlib>
#include <ostream>
#include <sys/ioctl.h>
#include <unistd.h>

namespace ngd::cli {
namespace po = boost::program_options;

namespace {

struct triage_options {
    bool json = false, verbose = false, no_color = false, help = false;
    std::vector<std::string> paths;
};

po::options_description describe(triage_options& o)
{
    po::options_description d("Options");
    d.add_options()
        ("json", po::bool_switch(&o.json), "print the report as JSON (schema ngdoctor.triage/v1)")
        ("verbose,v", po::bool_switch(&o.verbose), "also list every source read, with its kind and line count")
        ("no-color", po::bool_switch(&o.no_color), "no ANSI colour")
        ("help,h", po::bool_switch(&o.help), "this help");
    return d;
}

int usage_error(console& io, const std::string& message)
{
    io.err << "ngdoctor triage: " << message << "\nTry 'ngdoctor triage --help'.\n";
    return doctor::exit_usage;
}

/// The terminal's width when stdout is one, else $COLUMNS, else 100.
std::size_t terminal_width(const console& io)
{
    if (io.out_is_tty) {
        winsize size{};
        if (::ioctl(1, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    }
    if (const char* columns = std::getenv("COLUMNS"); columns && std::atoi(columns) > 0)
        return static_cast<std::size_t>(std::atoi(columns));
    return 100;
}

/// The last guard before printing: no key leaves, whatever a cause quotes.
void redact_all(report::triage_report& r)
{
    auto clean = [](std::string& s) { s = doctor::scrub(triage::redact(s), {}); };
    for (auto& c : r.causes) {
        clean(c.evidence);
        clean(c.first_seen);
        clean(c.finding.summary);
        for (auto& d : c.finding.details) clean(d);
        clean(c.finding.remedy.text);
        for (auto& command : c.finding.remedy.commands) clean(command);
    }
    for (auto& s : r.sources) clean(s.path);
}

}  // namespace

int run_triage(const std::vector<std::string>& args, console& io)
{
    triage_options o;
    const auto described = describe(o);
    po::options_description all;
    all.add(described).add_options()("paths", po::value(&o.paths));
    po::positional_options_description positional;
    positional.add("paths", -1);
    try {
        po::variables_map vm;
        po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::unknown_option& e) {
        std::vector<std::string> names;
        for (const auto& option : described.options()) names.push_back("--" + option->long_name());
        return usage_error(io, "unknown option " + e.get_option_name() + doctor::did_you_mean(e.get_option_name(), names));
    } catch (const po::error& e) {
        return usage_error(io, e.what());
    }
    if (o.help) {
        io.out << "Usage: ngdoctor triage [--json] [-v] PATH...\n"
                  "Find why a NeMo Gym run failed from what it left behind. PATH is a rollout output\n"
                  "(<stem>.jsonl or its folder: _materialized_inputs, _failures, _aggregate_metrics and\n"
                  "capture files are found by name), a server log or nemo_gym_log_dir folder, a saved\n"
                  "terminal transcript, or - for standard input. Keys found are never printed.\n"
                  "Exit codes: 0 no cause found, 1 a cause found, 2 usage error.\n\n"
               << described;
        return doctor::exit_ok;
    }
    if (o.paths.empty()) return usage_error(io, "name at least one PATH (a run folder, a log, a transcript, or -)");

    auto result = triage::run_triage(o.paths, 0);
    if (!result.usage_error.empty()) return usage_error(io, result.usage_error);
    redact_all(result.report);

    if (o.json) {
        report::render_triage_json(io.out, result.report);
    } else {
        const char* no_color = std::getenv("NO_COLOR");
        report::triage_text_style style;
        style.base.color = io.out_is_tty && !o.no_color && !(no_color && *no_color);
        style.base.verbose = o.verbose;
        style.width = terminal_width(io);
        report::render_triage_text(io.out, result.report, style);
    }
    return result.report.causes.empty() ? doctor::exit_ok : doctor::exit_failed;
}

}  // namespace ngd::cli
