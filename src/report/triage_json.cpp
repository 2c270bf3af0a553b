#include "report/triage_json.hpp"

#include "report/report.hpp"

#include <boost/json.hpp>

#include <ostream>

namespace ngd::report {
namespace json = boost::json;

void render_triage_json(std::ostream& out, const triage_report& report)
{
    json::array sources;
    for (const auto& s : report.sources) {
        json::object o;
        o["path"] = s.path;
        o["kind"] = s.kind;
        o["lines"] = s.lines;
        sources.push_back(std::move(o));
    }
    json::object rollouts;
    rollouts["planned"] = report.rollouts.planned;
    rollouts["succeeded"] = report.rollouts.succeeded;
    rollouts["failed"] = report.rollouts.failed;
    rollouts["missing"] = report.rollouts.missing;
    // Added so `ngdoctor report` prints a saved triage as triage printed it.
    rollouts["known"] = report.rollouts.known;
    json::object by_class;
    for (const auto& [name, n] : report.rollouts.failed_by_class) by_class[name] = n;
    rollouts["failed_by_class"] = std::move(by_class);
    rollouts["incomplete"] = report.rollouts.incomplete;
    rollouts["empty_outputs"] = report.rollouts.empty_outputs;
    rollouts["metrics_missing"] = report.rollouts.metrics_missing;
    rollouts["stale_failures"] = report.rollouts.stale_failures;
    rollouts["stale_rows"] = report.rollouts.stale_rows;

    json::array causes;
    for (const auto& c : report.causes) {
        json::object fix;
        fix["text"] = c.finding.remedy.text;
        json::array commands;
        for (const auto& command : c.finding.remedy.commands) commands.emplace_back(command);
        fix["commands"] = std::move(commands);
        json::object o;
        o["id"] = c.finding.check_id;
        o["status"] = doctor::to_string(c.finding.state);
        o["count"] = c.count;
        o["first_seen"] = c.first_seen;
        o["summary"] = c.finding.summary;
        o["evidence"] = c.evidence;
        o["fix"] = std::move(fix);
        json::array details;
        for (const auto& d : c.finding.details) details.emplace_back(d);
        o["details"] = std::move(details);
        causes.push_back(std::move(o));
    }
    json::object root;
    root["schema"] = "ngdoctor.triage/v1";
    root["ngdoctor_version"] = version();
    root["sources"] = std::move(sources);
    root["rollouts"] = std::move(rollouts);
    root["causes"] = std::move(causes);
    out << json::serialize(root) << '\n';
}

}  // namespace ngd::report
