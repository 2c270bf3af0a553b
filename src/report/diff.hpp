#pragma once
/// Two reports of one setup compared finding by finding (a finding is a check on a target):
/// the "did my fix work" view of `ngdoctor report --diff OLD NEW`.
#include "report/report.hpp"

#include <iosfwd>
#include <optional>
#include <vector>

namespace ngd::report {

struct finding_change {
    std::string check_id;
    std::string target;
    std::optional<doctor::status> before;  ///< nullopt: not in the old report
    std::optional<doctor::status> after;   ///< nullopt: not in the new report
    std::string summary;                   ///< the new report's summary, else the old one's
};

struct report_diff {
    std::vector<finding_change> changed;      ///< in both, with another status
    std::vector<finding_change> appeared;     ///< only in the new report
    std::vector<finding_change> disappeared;  ///< only in the old report
    std::size_t unchanged = 0;
    bool empty() const { return changed.empty() && appeared.empty() && disappeared.empty(); }
};

/// `after` compared with `before`, in the new report's order (disappeared: the old one's).
report_diff compare(const run_report& before, const run_report& after);

/// The changes, one line each, then a count: "key.status  policy  fail → ok  <summary>".
void render_diff_text(std::ostream& out, const report_diff& diff, const run_report& before,
                      const run_report& after, const text_style& style);

/// The same as JSON: {"changed": [{"id", "target", "before", "after", "summary"}], "appeared",
/// "disappeared", "unchanged"}; a missing side is null.
void render_diff_json(std::ostream& out, const report_diff& diff, bool pretty);

}  // namespace ngd::report
