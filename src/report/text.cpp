#include "report/text.hpp"

#include "doctor/check.hpp"
#include "doctor/exit_code.hpp"
#include "report/wrap.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <ostream>

namespace ngd::report {
namespace {

using doctor::finding;
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
constexpr std::size_t detail_indent = 6;

std::string padded(std::string_view text, std::size_t width)
{
    std::string out(text);
    const auto used = columns_of(text);
    if (used < width) out.append(width - used, ' ');
    return out;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many)
{
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

bool is_problem(const finding& f)
{
    return f.state == status::warn || f.state == status::fail || f.state == status::crash;
}

/// Why a skip happened, as the folded line says it: "because base_url.format failed", or
/// the skip's own reason.
std::string skip_reason(const finding& f)
{
    std::string_view why = f.summary;
    if (why.starts_with("skipped: ")) why.remove_prefix(9);
    if (!f.caused_by.empty() && why == f.caused_by + " failed") return "because " + std::string(why);
    return std::string(why);
}

class writer {
public:
    writer(std::ostream& out, const run_report& report, const text_style& style)
        : out_(out), report_(report), style_(style)
    {
        for (const auto& check : doctor::check_table()) id_width_ = std::max(id_width_, check.id.size());
        for (const auto& f : report.findings) {
            id_width_ = std::max(id_width_, f.check_id.size());
            target_width_ = std::max(target_width_, columns_of(f.target));
        }
        by_target_ = style.group == grouping::by_target ||
                     (style.group == grouping::automatic && report.targets.size() > 2);
    }

    void findings()
    {
        if (!by_target_) {
            rows(all_indices(), true);
            return;
        }
        // Sections: the whole-config checks, then each target in the config's order.
        std::vector<std::string> names{"config"};
        for (const auto& t : report_.targets) names.push_back(t.name);
        for (const auto& f : report_.findings)
            if (std::find(names.begin(), names.end(), f.target) == names.end()) names.push_back(f.target);
        for (const auto& name : names) {
            std::vector<std::size_t> mine;
            for (std::size_t i = 0; i < report_.findings.size(); ++i)
                if (report_.findings[i].target == name && shown(report_.findings[i])) mine.push_back(i);
            if (mine.empty()) continue;
            out_ << header(name) << '\n';
            rows(mine, false);
        }
    }

    void summary()
    {
        const doctor::tally t = doctor::count(report_.findings);
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.2f s", static_cast<double>(report_.elapsed.count()) / 1000.0);
        std::string line = plural(static_cast<std::size_t>(t.total()), "check", "checks") + ": " +
                           std::to_string(t.ok) + " ok, " + plural(static_cast<std::size_t>(t.warn), "warning", "warnings") +
                           ", " + std::to_string(t.fail) + " failed, " + std::to_string(t.skip) + " skipped";
        if (t.crash > 0) line += ", " + std::to_string(t.crash) + " crashed";
        line += " (" + std::string(seconds) + ")";
        out_ << wrap(line, style_.width, 4);
    }

    /// The root causes: failures (and crashes) that follow from no other, in report order,
    /// each problem once however many targets have it.
    void fix_first()
    {
        struct entry {
            const finding* f;
            std::vector<std::string> targets;
        };
        std::vector<entry> entries;
        for (const auto& f : report_.findings) {
            if ((f.state != status::fail && f.state != status::crash) || !f.caused_by.empty()) continue;
            auto same = std::find_if(entries.begin(), entries.end(), [&](const entry& e) {
                return e.f->check_id == f.check_id && e.f->summary == f.summary && e.f->remedy.text == f.remedy.text;
            });
            if (same != entries.end())
                same->targets.push_back(f.target);
            else
                entries.push_back({&f, {f.target}});
        }
        if (entries.empty()) return;
        out_ << "Fix these first:\n";
        std::size_t n = 0;
        for (const auto& e : entries) {
            std::string targets;
            for (const auto& t : e.targets) targets += (targets.empty() ? "" : ", ") + t;
            std::string line = "  " + std::to_string(++n) + ". " + e.f->check_id + " (" + targets + "): ";
            const auto indent = columns_of(line);
            line += e.f->summary;
            if (!e.f->remedy.text.empty())
                line += " — fix: " + e.f->remedy.text;
            else if (e.f->state == status::crash)
                line += " — run it again with -v and report the crash";
            out_ << wrap(line, style_.width, indent);
        }
    }

private:
    std::vector<std::size_t> all_indices() const
    {
        std::vector<std::size_t> all;
        for (std::size_t i = 0; i < report_.findings.size(); ++i)
            if (shown(report_.findings[i])) all.push_back(i);
        return all;
    }

    bool shown(const finding& f) const { return !style_.quiet || is_problem(f); }

    std::string header(const std::string& name) const
    {
        for (const auto& t : report_.targets)
            if (t.name == name) {
                std::string line = name;
                if (!t.base_url.empty()) line += "  " + t.base_url;
                if (!t.model.empty()) line += "  " + t.model;
                return line;
            }
        return name == "config" ? "config (every target)" : name;
    }

    std::string coloured_mark(status s) const
    {
        if (!style_.color) return std::string(mark(s));
        return std::string(colour(s)) + std::string(mark(s)) + std::string(reset);
    }

    /// `line` starts with a plain mark; wraps it, then colours the mark.
    void emit(status s, const std::string& line, std::size_t indent)
    {
        std::string text = wrap(line, style_.width, indent);
        if (style_.color) text = coloured_mark(s) + text.substr(mark(s).size());
        out_ << text;
    }

    /// The rows of `indices`; skips that share a target and a reason fold into one line,
    /// printed where the first of them would be.
    void rows(const std::vector<std::size_t>& indices, bool with_target)
    {
        std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> folds;
        for (const auto i : indices) {
            const auto& f = report_.findings[i];
            if (f.state == status::skip) folds[{f.target, skip_reason(f)}].push_back(i);
        }
        for (const auto i : indices) {
            const auto& f = report_.findings[i];
            if (f.state == status::skip) {
                const auto& fold = folds[{f.target, skip_reason(f)}];
                if (fold.size() > 1) {
                    if (fold.front() == i) folded(fold, with_target);
                    continue;
                }
            }
            row(f, with_target);
        }
    }

    void folded(const std::vector<std::size_t>& fold, bool with_target)
    {
        const auto& first = report_.findings[fold.front()];
        const auto reason = skip_reason(first);
        std::string line = std::string(mark(status::skip)) + " " + plural(fold.size(), "check", "checks") + " skipped" +
                           (reason.starts_with("because ") ? " " : ": ") + reason;
        if (with_target && report_.targets.size() > 1) line += " (" + first.target + ")";
        emit(status::skip, line, 4);
        if (!style_.verbose) return;
        std::string ids;
        for (const auto i : fold) ids += (ids.empty() ? "" : ", ") + report_.findings[i].check_id;
        out_ << wrap(std::string(detail_indent, ' ') + ids, style_.width, detail_indent);
    }

    void row(const finding& f, bool with_target)
    {
        std::string line = std::string(mark(f.state)) + " " + padded(f.check_id, id_width_) + " ";
        if (with_target) line += padded(f.target, target_width_) + " ";
        line += " ";
        const auto indent = columns_of(line);
        line += f.summary;
        if (style_.verbose) line += " (" + std::to_string(f.elapsed.count()) + " ms)";
        emit(f.state, line, indent);

        const std::string pad(detail_indent, ' ');
        const bool show_details = style_.verbose || (f.state != status::ok && f.state != status::skip);
        if (show_details)
            for (const auto& d : f.details) out_ << wrap(pad + d, style_.width, detail_indent + 2);
        if (!is_problem(f)) return;
        if (!f.caused_by.empty()) {
            // Said once: the fix is under the finding it follows from.
            out_ << wrap(pad + "follows from " + f.caused_by + ": fix that first", style_.width, detail_indent);
            return;
        }
        if (!f.remedy.text.empty()) out_ << wrap(pad + "fix: " + f.remedy.text, style_.width, detail_indent + 5);
        // Commands are never wrapped: a pasted line break would run half a command.
        for (const auto& command : f.remedy.commands) out_ << pad << "try: " << command << '\n';
    }

    std::ostream& out_;
    const run_report& report_;
    const text_style& style_;
    std::size_t id_width_ = 0, target_width_ = 0;
    bool by_target_ = false;
};

}  // namespace

void render_text(std::ostream& out, const run_report& report, const text_style& style)
{
    writer w(out, report, style);
    w.findings();
    w.summary();
    w.fix_first();
}

}  // namespace ngd::report
