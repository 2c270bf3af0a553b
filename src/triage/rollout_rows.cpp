#include "triage/rollout_rows.hpp"

#include "triage/unwrap.hpp"

#include <boost/json.hpp>

namespace ngd::triage {
namespace json = boost::json;

namespace {

std::string text_at(const json::object& o, std::string_view key)
{
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) return {};
    if (v->is_string()) return std::string(v->as_string());
    return json::serialize(*v);
}

/// `"key": "value"` read from text that is not whole JSON.
std::string lenient(std::string_view line, std::string_view key)
{
    const std::string needle = "\"" + std::string(key) + "\"";
    std::size_t at = line.find(needle);
    if (at == std::string_view::npos) return {};
    at = line.find('"', line.find(':', at + needle.size()) + 1);
    if (at == std::string_view::npos) return {};
    std::size_t end = at + 1;
    while (end < line.size() && line[end] != '"') end += line[end] == '\\' ? 2 : 1;
    return unescape_once(line.substr(at + 1, std::min(end, line.size()) - at - 1));
}

}  // namespace

row_facts read_row(std::string_view line)
{
    row_facts row;
    json::error_code ec;
    const json::value v = json::parse(line, ec);
    if (!ec && v.is_object()) {
        const auto& o = v.as_object();
        row.parsed = true;
        row.failure_class = text_at(o, "_ng_failure_class");
        row.judge_error = text_at(o, "_ng_failure_judge_error");
        if (const auto* r = o.if_contains("response"); r && r->is_object()) {
            const auto& response = r->as_object();
            row.has_response = true;
            row.response_status = text_at(response, "status");
            if (const auto* d = response.if_contains("incomplete_details"); d && d->is_object())
                row.incomplete_reason = text_at(d->as_object(), "reason");
            const auto* usage = response.if_contains("usage");
            row.usage_null = !usage || usage->is_null();
            const auto* output = response.if_contains("output");
            row.output_empty = !output || output->is_null() || (output->is_array() && output->as_array().empty());
        }
        return row;
    }
    // Cut at the line cap, or written half: read what is plainly there.
    row.failure_class = lenient(line, "_ng_failure_class");
    row.judge_error = lenient(line, "_ng_failure_judge_error");
    row.has_response = line.find("\"response\"") != std::string_view::npos;
    if (line.find("\"status\": \"incomplete\"") != std::string_view::npos ||
        line.find("\"status\":\"incomplete\"") != std::string_view::npos)
        row.response_status = "incomplete";
    row.incomplete_reason = lenient(line, "reason");
    row.usage_null = line.find("\"usage\": null") != std::string_view::npos || line.find("\"usage\":null") != std::string_view::npos;
    return row;
}

bool is_context_row(const row_facts& row)
{
    return row.response_status == "incomplete" && row.incomplete_reason == "max_output_tokens";
}

}  // namespace ngd::triage
