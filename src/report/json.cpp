#include "report/json.hpp"

#include "doctor/exit_code.hpp"
#include "openrouter/key_mask.hpp"

#include <boost/json.hpp>

#include <ostream>

namespace ngd::report {
namespace json = boost::json;

namespace {

json::array strings(const std::vector<std::string>& items)
{
    json::array out;
    for (const auto& item : items) out.emplace_back(item);
    return out;
}

json::object check_object(const doctor::finding& f)
{
    json::object fix;
    fix["text"] = f.remedy.text;
    fix["commands"] = strings(f.remedy.commands);
    json::array edits;
    for (const auto& e : f.remedy.edits) {
        json::object o;
        o["file"] = e.file.empty() ? json::value(nullptr) : json::value(e.file);
        o["line"] = e.line > 0 ? json::value(e.line) : json::value(nullptr);
        o["key"] = e.key;
        if (!e.value)
            o["value"] = nullptr;
        else
            o["value"] = e.secret ? openrouter::mask_key(*e.value) : *e.value;
        o["secret"] = e.secret;
        edits.push_back(std::move(o));
    }
    fix["edits"] = std::move(edits);

    json::object o;
    o["id"] = f.check_id;
    o["group"] = f.group;
    o["target"] = f.target;
    o["status"] = doctor::to_string(f.state);
    o["summary"] = f.summary;
    o["details"] = strings(f.details);
    o["error_class"] = net::to_string(f.error);
    o["fix"] = std::move(fix);
    o["docs"] = f.docs;
    o["elapsed_ms"] = f.elapsed.count();
    o["caused_by"] = f.caused_by.empty() ? json::value(nullptr) : json::value(f.caused_by);
    return o;
}

}  // namespace

std::optional<json_layout> parse_json_layout(std::string_view asked, bool terminal)
{
    if (asked == "compact") return json_layout::compact;
    if (asked == "pretty") return json_layout::pretty;
    if (asked == "auto") return terminal ? json_layout::pretty : json_layout::compact;
    return std::nullopt;
}

json::value to_json(const run_report& report)
{
    json::object config;
    config["env_file"] = report.env_file ? json::value(*report.env_file) : json::value(nullptr);
    config["config_paths"] = strings(report.config_paths);

    json::array targets;
    for (const auto& t : report.targets) {
        json::object o;
        o["name"] = t.name;
        o["base_url"] = t.base_url;
        o["model"] = t.model;
        o["key"] = t.masked_key;
        targets.push_back(std::move(o));
    }

    const doctor::tally t = doctor::count(report.findings);
    json::object summary;
    summary["ok"] = t.ok;
    summary["warn"] = t.warn;
    summary["fail"] = t.fail;
    summary["skip"] = t.skip;
    summary["crash"] = t.crash;

    json::array checks;
    for (const auto& f : report.findings) checks.push_back(check_object(f));

    json::object root;
    root["schema"] = "ngdoctor.report/v1";
    root["ngdoctor_version"] = version();
    root["elapsed_ms"] = report.elapsed.count();
    root["config"] = std::move(config);
    root["targets"] = std::move(targets);
    root["summary"] = std::move(summary);
    root["checks"] = std::move(checks);
    root["created_at"] = report.created_at.empty() ? json::value(nullptr) : json::value(report.created_at);
    root["command"] = strings(report.command);
    root["options"] = report.options;
    if (report.platform) {
        json::object p;
        p["os"] = report.platform->os;
        p["kernel"] = report.platform->kernel;
        p["ca_store"] = report.platform->ca_store;
        p["proxy"] = report.platform->proxy.empty() ? json::value(nullptr) : json::value(report.platform->proxy);
        p["ngdoctor_build"] = report.platform->build;
        root["platform"] = std::move(p);
    } else {
        root["platform"] = nullptr;
    }
    root["exit_code"] = report.exit_code ? json::value(*report.exit_code) : json::value(nullptr);
    return root;
}

void render_json(std::ostream& out, const run_report& report, json_layout layout)
{
    const json::value root = to_json(report);
    if (layout == json_layout::pretty)
        write_pretty(out, root);
    else
        out << json::serialize(root) << '\n';
}

}  // namespace ngd::report
