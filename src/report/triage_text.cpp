#include "report/triage_text.hpp"

#include "report/wrap.hpp"

#include <ostream>

namespace ngd::report {
namespace {

using doctor::status;

/// At most `width` characters (UTF-8 aware), "…" when cut.
std::string fit(const std::string& text, std::size_t width)
{
    std::size_t chars = 0, at = 0, last_fit = 0;
    while (at < text.size()) {
        const auto c = static_cast<unsigned char>(text[at]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
        if (chars + 1 < width) last_fit = at + n;
        at += n;
        ++chars;
    }
    if (chars <= width) return text;
    return text.substr(0, last_fit) + "…";
}

std::string plural(std::int64_t n, std::string_view one, std::string_view many)
{
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

std::string shape_line(const rollout_shape& s)
{
    if (!s.known) return "no rollout files read: pass the rollout output (or its folder) to see the run's shape";
    std::string line = std::to_string(s.planned) + " planned, " + std::to_string(s.succeeded) + " succeeded, " +
                       std::to_string(s.failed) + " failed";
    if (!s.failed_by_class.empty()) {
        line += " (";
        bool first = true;
        for (const auto& [k, n] : s.failed_by_class) {
            line += (first ? "" : ", ") + k + " " + std::to_string(n);
            first = false;
        }
        line += ")";
    }
    line += ", " + std::to_string(s.missing) + " missing";
    std::vector<std::string> notes;
    if (s.incomplete > 0) notes.push_back(std::to_string(s.incomplete) + " incomplete (context length)");
    if (s.empty_outputs > 0) notes.push_back(std::to_string(s.empty_outputs) + " with an empty output");
    if (s.metrics_missing)
        notes.push_back(s.missing > 0 ? "no _aggregate_metrics.json: the run died" : "no _aggregate_metrics.json");
    if (s.stale_failures)
        notes.push_back("_failures.jsonl is older than the run: its " + plural(s.stale_rows, "row", "rows") +
                        " not counted");
    for (std::size_t i = 0; i < notes.size(); ++i) line += (i == 0 ? "; " : ", ") + notes[i];
    return line;
}

void render_triage_text(std::ostream& out, const triage_report& report, const triage_text_style& style)
{
    const bool colour = style.base.color;
    constexpr std::string_view red = "\033[31m", yellow = "\033[33m", dim = "\033[2m", reset = "\033[0m";
    constexpr std::size_t indent = 6;
    const std::size_t room = style.width > indent + 20 ? style.width - indent : 20;

    if (report.causes.empty()) out << "No cause found in " << plural(static_cast<std::int64_t>(report.sources.size()), "source", "sources") << ".\n";
    for (const auto& c : report.causes) {
        const bool fail = c.finding.state == status::fail;
        if (colour) out << (fail ? red : yellow);
        out << (fail ? "[✗]" : "[!]");
        if (colour) out << reset;
        out << ' ' << c.finding.check_id << "  ";
        if (c.count > 0) out << c.count << " × ";
        out << c.finding.summary << '\n';
        out << "      first seen: " << c.first_seen << '\n';
        if (!c.evidence.empty()) {
            if (colour) out << dim;
            out << "      " << fit("evidence: " + c.evidence, room);
            if (colour) out << reset;
            out << '\n';
        }
        // Details and the fix are read in full (wrapped); only the evidence, a raw line, is cut.
        for (const auto& d : c.finding.details) out << wrap(std::string(indent, ' ') + d, style.width, indent + 2);
        if (!c.finding.remedy.text.empty())
            out << wrap(std::string(indent, ' ') + "fix: " + c.finding.remedy.text, style.width, indent + 5);
        for (const auto& command : c.finding.remedy.commands) out << "      try: " << command << '\n';
    }
    if (style.base.verbose) {
        out << "\nsources:\n";
        for (const auto& s : report.sources) out << "  " << s.kind << "  " << s.path << " (" << s.lines << " lines)\n";
    }
    out << "\nrun: " << shape_line(report.rollouts) << '\n';
}

}  // namespace ngd::report
