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
    // Added with --generations only: a report without it is as before.
    if (report.generations.asked) {
        auto number = [](const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); };
        auto count = [](const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); };
        auto text = [](const std::string& v) { return v.empty() ? json::value(nullptr) : json::value(v); };
        json::array generations;
        for (const auto& g : report.generations.looked_up) {
            json::object o;
            o["id"] = g.id;
            o["outcome"] = g.outcome;
            o["http_status"] = g.http_status;
            o["error"] = text(g.error);
            o["provider"] = text(g.provider);
            o["model"] = text(g.model);
            o["finish_reason"] = text(g.finish_reason);
            o["native_finish_reason"] = text(g.native_finish_reason);
            o["latency_ms"] = number(g.latency_ms);
            o["generation_time_ms"] = number(g.generation_time_ms);
            json::object tokens;
            tokens["prompt"] = count(g.tokens_prompt);
            tokens["completion"] = count(g.tokens_completion);
            tokens["native_prompt"] = count(g.native_tokens_prompt);
            tokens["native_completion"] = count(g.native_tokens_completion);
            tokens["native_reasoning"] = count(g.native_tokens_reasoning);
            o["tokens"] = std::move(tokens);
            o["total_cost"] = number(g.total_cost);
            o["created_at"] = text(g.created_at);
            generations.push_back(std::move(o));
        }
        root["generations"] = std::move(generations);
        root["generation_mentions"] = report.generations.mentions;
        root["generations_note"] = text(report.generations.note);
    }
    out << json::serialize(root) << '\n';
}

}  // namespace ngd::report
