// `report FILE` and `report --diff OLD NEW`: a saved `check-all --json` printed as the text
// report through the same renderer the run used, and two of them compared — for someone
// who was not at the machine the report was made on.
#include "cli/archive.hpp"
#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/terminal.hpp"
#include "doctor/did_you_mean.hpp"
#include "doctor/exit_code.hpp"
#include "doctor/scrub.hpp"
#include "report/diff.hpp"
#include "report/json.hpp"
#include "report/json_read.hpp"
#include "report/text.hpp"
#include "report/triage_text.hpp"

#include <boost/program_options.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace ngd::cli {
namespace po = boost::program_options;

namespace {

struct report_options {
    bool diff = false, quiet = false, verbose = false, no_color = false, help = false;
    std::optional<std::string> json;
    std::string group_by = "auto";
    std::vector<std::string> files;
};

po::options_description describe(report_options& o)
{
    po::options_description d("Options");
    d.add_options()
        ("diff", po::bool_switch(&o.diff), "compare two reports: which findings appeared, disappeared or changed status")
        ("json", po::bool_switch(), "with --diff: the comparison as JSON (--json=compact|pretty to choose)")
        ("verbose,v", po::bool_switch(&o.verbose), "show details of passing checks and per-check timings")
        ("no-color", po::bool_switch(&o.no_color), "no ANSI colour")
        ("quiet,q", po::bool_switch(&o.quiet), "only problems and the summary")
        ("group-by", po::value(&o.group_by)->value_name("target|check"),
         "order of the text report (default: by target when there are more than 2 targets)")
        ("help,h", po::bool_switch(&o.help), "this help");
    return d;
}

/// The file's report, scrubbed again (a report edited by hand may hold a key); nullopt after
/// saying on `io.err` what is wrong and where.
/// A saved file's JSON text and the place to name in messages ("r.json", or
/// "b.tar.gz: report.json" for a bundle); nullopt after saying why on `io.err`.
std::optional<std::pair<std::string, std::string>> load_text(const std::string& file, console& io)
{
    std::string text;
    if (file == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), {});
    } else {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            io.err << "ngdoctor report: " << file << ": cannot be read\n";
            return std::nullopt;
        }
        text.assign(std::istreambuf_iterator<char>(in), {});
    }
    // A bundle (ngdoctor bundle): its report.json is the report.
    if (!looks_like_gzip(text)) return std::pair{std::move(text), file};
    std::string error;
    const auto member = file == "-" ? std::nullopt : read_archive_member(file, "report.json", error);
    if (!member) {
        io.err << "ngdoctor report: " << file << ": "
               << (file == "-" ? "a bundle is read from its file, not standard input" : error) << "\n";
        return std::nullopt;
    }
    return std::pair{*member, file + ": report.json"};
}

/// The check report in `text`, scrubbed again (a report edited by hand may hold a key);
/// nullopt after saying on `io.err` what is wrong and where.
std::optional<report::saved_report> parse_report(const std::string& text, const std::string& place, console& io)
{
    report::read_failure failure;
    auto saved = report::read_report(text, failure);
    if (!saved) {
        io.err << "ngdoctor report: " << place << ": " << failure.where << ": " << failure.what << "\n";
        return std::nullopt;
    }
    for (const auto& note : saved->notes) io.err << "ngdoctor report: " << place << ": note: " << note << "\n";
    auto& rep = saved->report;
    doctor::scrub(rep.findings, {});
    for (auto& t : rep.targets) {
        t.base_url = doctor::scrub(t.base_url, {});
        t.model = doctor::scrub(t.model, {});
    }
    return saved;
}

std::optional<report::saved_report> load(const std::string& file, console& io)
{
    const auto text = load_text(file, io);
    if (!text) return std::nullopt;
    if (report::is_triage_json(text->first)) {
        io.err << "ngdoctor report: " << text->second << ": a triage report; --diff compares check reports\n";
        return std::nullopt;
    }
    return parse_report(text->first, text->second, io);
}

/// A saved `triage --json` printed as `triage` prints it; the exit code is triage's.
int render_triage(const std::string& text, const std::string& place, const report::text_style& style, console& io)
{
    report::read_failure failure;
    auto saved = report::read_triage_report(text, failure);
    if (!saved) {
        io.err << "ngdoctor report: " << place << ": " << failure.where << ": " << failure.what << "\n";
        return doctor::exit_usage;
    }
    for (const auto& note : saved->notes) io.err << "ngdoctor report: " << place << ": note: " << note << "\n";
    for (auto& c : saved->report.causes) {
        std::vector<doctor::finding> one{c.finding};
        doctor::scrub(one, {});
        c.finding = std::move(one.front());
        c.evidence = doctor::scrub(c.evidence, {});
    }
    report::triage_text_style triage_style;
    triage_style.base = style;
    if (style.width > 0) triage_style.width = style.width;
    report::render_triage_text(io.out, saved->report, triage_style);
    return saved->report.causes.empty() ? doctor::exit_ok : doctor::exit_failed;
}

/// Whether the saved run counted warnings as failures.
bool was_strict(const report::run_report& rep)
{
    const auto* strict = rep.options.if_contains("strict");
    return strict && strict->is_bool() && strict->as_bool();
}

}  // namespace

int run_report(const std::vector<std::string>& args, console& io)
{
    report_options o;
    const auto described = describe(o);
    po::options_description all;
    all.add(described).add_options()("files", po::value(&o.files));
    po::positional_options_description positional;
    positional.add("files", -1);
    if (const auto mistake = parse_command_line(args, all, positional, described, &o.json))
        return usage_error(io, *mistake, "report");
    if (o.help) {
        io.out << "Usage: ngdoctor report [options] FILE\n"
                  "       ngdoctor report --diff [--json] OLD NEW\n"
                  "Prints a saved report (from check-all --json or triage --json, or the report.json of a\n"
                  "bundle; '-' reads standard input) as the text report, or compares two check reports.\n"
                  "The exit code of"
                  " 'report FILE' is the saved run's; of '--diff', 0 when nothing changed and 1 when something did;\n"
                  "2 for a file that is not a report.\n\n"
               << described;
        return doctor::exit_ok;
    }
    const auto group = parse_grouping(o.group_by);
    if (!group) return usage_error(io, "--group-by wants target or check, got '" + o.group_by + "'", "report");
    const auto layout = o.json ? report::parse_json_layout(*o.json, io.out_is_tty) : std::nullopt;
    if (o.json && !layout) return usage_error(io, "--json wants compact or pretty, got '" + *o.json + "'", "report");
    if (o.json && !o.diff) return usage_error(io, "--json goes with --diff (a saved report is JSON already)", "report");
    const std::size_t wanted = o.diff ? 2 : 1;
    if (o.files.size() != wanted)
        return usage_error(io, o.diff ? "--diff compares two reports: name OLD and NEW" : "name one report file", "report");

    const report::text_style style{colour_wanted(o.no_color, io.out_is_tty), o.verbose, o.quiet, *group,
                                   terminal_width(io.out_is_tty)};
    if (!o.diff) {
        const auto text = load_text(o.files[0], io);
        if (!text) return doctor::exit_usage;
        if (report::is_triage_json(text->first)) return render_triage(text->first, text->second, style, io);
        const auto saved = parse_report(text->first, text->second, io);
        if (!saved) return doctor::exit_usage;
        report::render_text(io.out, saved->report, style);
        return doctor::exit_code_for(saved->report.findings, was_strict(saved->report));
    }
    const auto before = load(o.files[0], io);
    const auto after = load(o.files[1], io);
    if (!before || !after) return doctor::exit_usage;
    const auto diff = report::compare(before->report, after->report);
    if (layout)
        report::render_diff_json(io.out, diff, *layout == report::json_layout::pretty);
    else
        report::render_diff_text(io.out, diff, before->report, after->report, style);
    return diff.empty() ? doctor::exit_ok : doctor::exit_failed;
}

}  // namespace ngd::cli
