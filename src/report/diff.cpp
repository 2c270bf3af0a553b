#include "report/diff.hpp"

#include "report/json.hpp"
#include "report/wrap.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <ostream>

namespace ngd::report {

namespace {

using doctor::finding;

bool same_place(const finding& a, const finding& b)
{
    return a.check_id == b.check_id && a.target == b.target;
}

const finding* find_in(const run_report& r, const finding& like)
{
    const auto it = std::find_if(r.findings.begin(), r.findings.end(), [&](const finding& f) { return same_place(f, like); });
    return it == r.findings.end() ? nullptr : &*it;
}

std::string status_text(const std::optional<doctor::status>& s)
{
    return s ? std::string(doctor::to_string(*s)) : "absent";
}

/// "2026-01-31T12:00:00Z, exit 1" or what of it the report says.
std::string when_of(const run_report& r)
{
    std::string out = r.created_at.empty() ? "time unknown" : r.created_at;
    if (r.exit_code) out += ", exit " + std::to_string(*r.exit_code);
    return out;
}

}  // namespace

report_diff compare(const run_report& before, const run_report& after)
{
    report_diff d;
    for (const auto& now : after.findings) {
        const finding* then = find_in(before, now);
        if (!then)
            d.appeared.push_back({now.check_id, now.target, std::nullopt, now.state, now.summary});
        else if (then->state != now.state)
            d.changed.push_back({now.check_id, now.target, then->state, now.state, now.summary});
        else
            ++d.unchanged;
    }
    for (const auto& then : before.findings)
        if (!find_in(after, then)) d.disappeared.push_back({then.check_id, then.target, then.state, std::nullopt, then.summary});
    return d;
}

void render_diff_text(std::ostream& out, const report_diff& diff, const run_report& before, const run_report& after,
                      const text_style& style)
{
    out << wrap("Old: " + when_of(before), style.width, 5) << wrap("New: " + when_of(after), style.width, 5);
    std::size_t id_width = 0, target_width = 0;
    for (const auto* list : {&diff.changed, &diff.appeared, &diff.disappeared})
        for (const auto& c : *list) {
            id_width = std::max(id_width, columns_of(c.check_id));
            target_width = std::max(target_width, columns_of(c.target));
        }
    auto section = [&](std::string_view title, const std::vector<finding_change>& changes) {
        if (changes.empty()) return;
        out << title << ":\n";
        for (const auto& c : changes) {
            std::string line = "  " + c.check_id + std::string(id_width - columns_of(c.check_id) + 2, ' ') + c.target +
                               std::string(target_width - columns_of(c.target) + 2, ' ');
            line += status_text(c.before) + " → " + status_text(c.after) + "  ";
            const auto indent = columns_of(line);
            line += c.summary;
            out << wrap(line, style.width, indent);
        }
    };
    section("Changed status", diff.changed);
    section("Appeared", diff.appeared);
    section("Disappeared", diff.disappeared);
    out << diff.changed.size() << " changed, " << diff.appeared.size() << " appeared, " << diff.disappeared.size()
        << " disappeared, " << diff.unchanged << " unchanged\n";
}

void render_diff_json(std::ostream& out, const report_diff& diff, bool pretty)
{
    namespace json = boost::json;
    auto side = [](const std::optional<doctor::status>& s) {
        return s ? json::value(doctor::to_string(*s)) : json::value(nullptr);
    };
    auto list = [&](const std::vector<finding_change>& changes) {
        json::array a;
        for (const auto& c : changes)
            a.push_back(json::object{{"id", c.check_id}, {"target", c.target}, {"before", side(c.before)},
                                     {"after", side(c.after)}, {"summary", c.summary}});
        return a;
    };
    json::object root;
    root["schema"] = "ngdoctor.report-diff/v1";
    root["changed"] = list(diff.changed);
    root["appeared"] = list(diff.appeared);
    root["disappeared"] = list(diff.disappeared);
    root["unchanged"] = diff.unchanged;
    if (pretty)
        write_pretty(out, root);
    else
        out << json::serialize(root) << '\n';
}

}  // namespace ngd::report
