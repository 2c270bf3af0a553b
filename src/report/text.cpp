#include "report/text.hpp"

#include "doctor/check.hpp"
#include "doctor/exit_code.hpp"

#include <algorithm>
#include <cstdio>
#include <ostream>

namespace ngd::report {
namespace {

using doctor::status;

std::string_view mark(status s)
{
    switch (s) {
    case status::ok: return "[✓]";
    case status::warn: return "[!]";
    case status::fail: return "[✗]";
    case status::skip: return "[-]";
    case status::crash: return "[‼]";
    }
    return "[?]";
}

std::string_view colour(status s)
{
    switch (s) {
    case status::ok: return "\033[32m";
    case status::warn: return "\033[33m";
    case status::fail: return "\033[31m";
    case status::skip: return "\033[2m";
    case status::crash: return "\033[35m";
    }
    return "";
}

constexpr std::string_view reset = "\033[0m";

std::string padded(std::string_view text, std::size_t width)
{
    std::string out(text);
    if (out.size() < width) out.append(width - out.size(), ' ');
    return out;
}

std::string plural(int n, std::string_view one, std::string_view many)
{
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

void render_finding(std::ostream& out, const doctor::finding& f, std::size_t id_width,
                    std::size_t target_width, const text_style& style)
{
    if (style.color) out << colour(f.state);
    out << mark(f.state);
    if (style.color) out << reset;
    out << ' ' << padded(f.check_id, id_width) << ' ' << padded(f.target, target_width) << "  " << f.summary;
    if (style.verbose) out << " (" << f.elapsed.count() << " ms)";
    out << '\n';
    const bool show_details = style.verbose || (f.state != status::ok && f.state != status::skip);
    if (show_details)
        for (const auto& line : f.details) out << "      " << line << '\n';
    if (f.state == status::ok || f.state == status::skip) return;
    if (!f.remedy.text.empty()) out << "      fix: " << f.remedy.text << '\n';
    for (const auto& command : f.remedy.commands) out << "      try: " << command << '\n';
}

}  // namespace

void render_text(std::ostream& out, const run_report& report, const text_style& style)
{
    // The id column fits the longest id of the table, so reports line up from run to run.
    std::size_t id_width = 0, target_width = 0;
    for (const auto& check : doctor::check_table()) id_width = std::max(id_width, check.id.size());
    for (const auto& f : report.findings) {
        id_width = std::max(id_width, f.check_id.size());
        target_width = std::max(target_width, f.target.size());
    }
    for (const auto& f : report.findings) render_finding(out, f, id_width, target_width, style);

    const doctor::tally t = doctor::count(report.findings);
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.2f s", static_cast<double>(report.elapsed.count()) / 1000.0);
    out << plural(t.total(), "check", "checks") << ": " << t.ok << " ok, "
        << plural(t.warn, "warning", "warnings") << ", " << t.fail << " failed, " << t.skip << " skipped";
    if (t.crash > 0) out << ", " << t.crash << " crashed";
    out << " (" << seconds << ")\n";
}

}  // namespace ngd::report
