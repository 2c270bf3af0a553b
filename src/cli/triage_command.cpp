// `triage PATH...`: read a run's files and logs after it failed, print the causes (the
// owning check's finding, count, first place, evidence, fix) and the run's shape.
#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "config/file_kind.hpp"

#include "doctor/check.hpp"
#include "doctor/did_you_mean.hpp"
#include "doctor/exit_code.hpp"
#include "doctor/plain_text.hpp"
#include "doctor/scrub.hpp"
#include "report/triage_json.hpp"
#include "report/triage_text.hpp"
#include "triage/redact.hpp"
#include "triage/triage.hpp"

#include <boost/program_options.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <ostream>
#include <sstream>
#include <sys/ioctl.h>
#include <unistd.h>

namespace ngd::cli {
namespace po = boost::program_options;

namespace {

struct triage_options {
    bool json = false, verbose = false, no_color = false, help = false, check = false;
    std::vector<std::string> paths;
    // Passed to the checks of --check, as `ngdoctor check` takes them.
    std::optional<std::string> env_file, timeout;
    std::vector<std::string> cacerts, connect_tos;
};

po::options_description describe(triage_options& o)
{
    po::options_description d("Options");
    d.add_options()
        ("json", po::bool_switch(&o.json), "print the report as JSON (schema ngdoctor.triage/v1)")
        ("verbose,v", po::bool_switch(&o.verbose), "also list every source read, with its kind and line count")
        ("no-color", po::bool_switch(&o.no_color), "no ANSI colour")
        ("check", po::bool_switch(&o.check),
         "then run the pre-run checks that own the causes, against the run's config (its env.yaml and "
         ".hydra/overrides.yaml when among the files read, else the current folder's): is the cause still there?")
        ("env-file", po::value<std::string>()->value_name("PATH")->notifier([&o](const std::string& v) { o.env_file = v; }),
         "with --check: use this env.yaml")
        ("timeout", po::value<std::string>()->value_name("SECONDS")->notifier([&o](const std::string& v) { o.timeout = v; }),
         "with --check: per network operation")
        ("cacert", po::value(&o.cacerts)->value_name("FILE")->composing(), "with --check: trust these CA certificates too")
        ("connect-to", po::value(&o.connect_tos)->value_name("H1:P1:H2:P2")->composing(),
         "with --check: connect to H2:P2 whenever H1:P1 is asked for")
        ("help,h", po::bool_switch(&o.help), "this help");
    return d;
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
    auto clean = [](std::string& s) {
        s = doctor::within_shown_length(doctor::plain_text(doctor::scrub(triage::redact(s), {})));
    };
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

/// The pre-run checks that own the causes found, each once, in the order of the causes.
std::vector<std::string> owning_checks(const report::triage_report& r)
{
    std::vector<std::string> ids;
    for (const auto& c : r.causes) {
        const auto& table = doctor::check_table();
        const bool is_check = std::any_of(table.begin(), table.end(), [&](const auto& row) { return row.id == c.finding.check_id; });
        if (is_check && std::find(ids.begin(), ids.end(), c.finding.check_id) == ids.end()) ids.push_back(c.finding.check_id);
    }
    return ids;
}

/// `ngdoctor check IDS...` with the run's config: its env.yaml and overrides where the files
/// showed them (the caller's --env-file wins), else what the current folder has.
std::vector<std::string> check_arguments(const triage_options& o, const triage::triage_result& result,
                                         const std::vector<std::string>& ids, bool json)
{
    std::vector<std::string> args = ids;
    if (json) args.emplace_back("--json=compact");
    if (o.no_color) args.emplace_back("--no-color");
    if (o.env_file) args.insert(args.end(), {"--env-file", *o.env_file});
    else if (!result.env_file.empty()) args.insert(args.end(), {"--env-file", result.env_file});
    if (o.timeout) args.insert(args.end(), {"--timeout", *o.timeout});
    for (const auto& c : o.cacerts) args.insert(args.end(), {"--cacert", c});
    for (const auto& c : o.connect_tos) args.insert(args.end(), {"--connect-to", c});
    args.insert(args.end(), result.run_overrides.begin(), result.run_overrides.end());
    return args;
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
    if (const auto mistake = parse_command_line(args, all, positional, described)) return usage_error(io, *mistake, "triage");
    if (o.help) {
        io.out << "Usage: ngdoctor triage [--json] [-v] [--check] PATH...\n"
                  "Find why a NeMo Gym run failed from what it left behind. PATH is a rollout output\n"
                  "(<stem>.jsonl or its folder: _materialized_inputs, _failures, _aggregate_metrics and\n"
                  "capture files are found by name), a server log or nemo_gym_log_dir folder, a saved\n"
                  "terminal transcript, or - for standard input. Keys found are never printed.\n"
                  "Exit codes: 0 no cause found, 1 a cause found, 2 usage error.\n\n"
               << described;
        return doctor::exit_ok;
    }
    if (o.paths.empty()) return usage_error(io, "name at least one PATH (a run folder, a log, a transcript, or -)", "triage");
    if (o.env_file)
        if (auto why = config::not_a_readable_file(*o.env_file))
            return usage_error(io, "--env-file '" + *o.env_file + "' " + *why, "triage");

    auto result = triage::run_triage(o.paths, 0);
    if (!result.usage_error.empty()) return usage_error(io, result.usage_error, "triage");
    redact_all(result.report);

    const auto ids = o.check ? owning_checks(result.report) : std::vector<std::string>();
    if (o.json) {
        if (!o.check) {
            report::render_triage_json(io.out, result.report);
        } else {
            // The checks' own report (ngdoctor.report/v1) under "check": null when no check owns a cause.
            std::ostringstream triage_json, check_json, check_err;
            report::render_triage_json(triage_json, result.report);
            boost::json::object root = boost::json::parse(triage_json.str()).as_object();
            root["check"] = nullptr;
            if (!ids.empty()) {
                console quiet{check_json, check_err, false, false};
                run_check(check_arguments(o, result, ids, true), quiet);
                boost::json::error_code ec;
                auto checked = boost::json::parse(check_json.str(), ec);
                if (!ec) root["check"] = std::move(checked);
            }
            io.out << boost::json::serialize(root) << '\n';
        }
    } else {
        const char* no_color = std::getenv("NO_COLOR");
        report::triage_text_style style;
        style.base.color = io.out_is_tty && !o.no_color && !(no_color && *no_color);
        style.base.verbose = o.verbose;
        style.width = terminal_width(io);
        report::render_triage_text(io.out, result.report, style);
        if (o.check) {
            if (ids.empty()) {
                io.out << "\nnow: no pre-run check owns these causes\n";
            } else {
                io.out << "\nnow, with the run's config: ngdoctor check";
                for (const auto& id : ids) io.out << ' ' << id;
                io.out << "\n\n";
                run_check(check_arguments(o, result, ids, false), io);
            }
        }
    }
    return result.report.causes.empty() ? doctor::exit_ok : doctor::exit_failed;
}

}  // namespace ngd::cli
