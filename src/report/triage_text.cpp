#include "report/triage_text.hpp"

#include "report/wrap.hpp"

#include <cstdio>
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

/// "1250 ms", "1.2 s" for longer.
std::string duration(double ms)
{
    char buffer[32];
    if (ms < 10'000) std::snprintf(buffer, sizeof buffer, "%.0f ms", ms);
    else std::snprintf(buffer, sizeof buffer, "%.1f s", ms / 1000.0);
    return buffer;
}

/// "$0.0015", "$0.0000012": fixed notation, at least four decimals, no trailing zeros beyond.
std::string dollars(double usd)
{
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%.10f", usd);
    std::string text = buffer;
    const std::size_t point = text.find('.');
    while (point != std::string::npos && text.size() > point + 5 && text.back() == '0') text.pop_back();
    return "$" + text;
}

std::string tokens_text(const std::optional<std::int64_t>& prompt, const std::optional<std::int64_t>& completion)
{
    auto n = [](const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : std::string("?"); };
    return n(prompt) + " in, " + n(completion) + " out";
}

/// What OpenRouter recorded, in one line after the id.
std::string generation_facts(const triage_generation& g)
{
    std::vector<std::string> parts;
    parts.push_back((g.provider.empty() ? std::string("provider unknown") : g.provider) +
                    (g.model.empty() ? "" : " / " + g.model));
    if (!g.finish_reason.empty() || !g.native_finish_reason.empty()) {
        std::string finish = "finish " + (g.finish_reason.empty() ? std::string("?") : g.finish_reason);
        if (!g.native_finish_reason.empty() && g.native_finish_reason != g.finish_reason)
            finish += " (provider: " + g.native_finish_reason + ")";
        parts.push_back(finish);
    }
    if (g.latency_ms) parts.push_back("latency " + duration(*g.latency_ms));
    if (g.generation_time_ms) parts.push_back("generation " + duration(*g.generation_time_ms));
    if (g.tokens_prompt || g.tokens_completion) parts.push_back("tokens " + tokens_text(g.tokens_prompt, g.tokens_completion));
    // The provider's own counts, when they differ from OpenRouter's normalised ones.
    const bool native_differs = g.native_tokens_prompt != g.tokens_prompt || g.native_tokens_completion != g.tokens_completion ||
                                (g.native_tokens_reasoning && *g.native_tokens_reasoning > 0);
    if ((g.native_tokens_prompt || g.native_tokens_completion) && native_differs) {
        std::string native = "native " + tokens_text(g.native_tokens_prompt, g.native_tokens_completion);
        if (g.native_tokens_reasoning && *g.native_tokens_reasoning > 0)
            native += ", " + std::to_string(*g.native_tokens_reasoning) + " reasoning";
        parts.push_back(native);
    }
    if (g.total_cost) parts.push_back("cost " + dollars(*g.total_cost));
    std::string line;
    for (std::size_t i = 0; i < parts.size(); ++i) line += (i ? ", " : "") + parts[i];
    return line;
}

void render_generations(std::ostream& out, const generation_lookup& lookup, std::size_t width)
{
    out << "\ngenerations:";
    if (lookup.mentions > 0)
        out << " " << lookup.looked_up.size() << " looked up of " << plural(static_cast<std::int64_t>(lookup.mentions), "mention", "mentions")
            << " in the files";
    out << '\n';
    if (!lookup.note.empty()) out << wrap("  " + lookup.note, width, 2);
    for (const auto& g : lookup.looked_up) {
        out << "  " << g.id << '\n';
        const std::string said = g.outcome == "found" ? generation_facts(g) : g.error;
        out << wrap("      " + said, width, 6);
    }
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
    if (report.generations.asked) render_generations(out, report.generations, style.width);
    if (style.base.verbose) {
        out << "\nsources:\n";
        for (const auto& s : report.sources) out << "  " << s.kind << "  " << s.path << " (" << s.lines << " lines)\n";
    }
    out << "\nrun: " << shape_line(report.rollouts) << '\n';
}

}  // namespace ngd::report
