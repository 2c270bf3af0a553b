#include "checks/status_outage.hpp"

#include <algorithm>

namespace ngd::checks {
namespace {

using openrouter::component_status;

// "APIs", "Claude API (api.anthropic.com)", "Gemini API": the API is named as such.
bool names_api(const std::string& name)
{
    return name.find("API") != std::string::npos || name.find("api.") != std::string::npos;
}

}  // namespace

api_outage read_api_outage(const openrouter::status_page_summary& summary)
{
    std::vector<const openrouter::status_component*> leaves;
    for (const auto& c : summary.components)
        if (!c.group) leaves.push_back(&c);
    auto group_name = [&](const openrouter::status_component& c) -> std::string {
        if (!c.group_id) return "";
        for (const auto& g : summary.components)
            if (g.id == *c.group_id) return g.name;
        return "";
    };
    auto is_api = [&](const openrouter::status_component& c) { return names_api(c.name) || names_api(group_name(c)); };
    // A page naming no API component covers one product: every component counts.
    const bool split = std::any_of(leaves.begin(), leaves.end(), [&](const auto* c) { return is_api(*c); });

    api_outage out;
    for (const auto* c : leaves) {
        if (c->status == component_status::operational) continue;
        const std::string text = c->name + " (" + c->status_text + ")";
        if (!split || is_api(*c)) {
            out.api_affected = true;
            out.components.push_back(text);
        } else {
            out.elsewhere.push_back(text);
        }
    }
    if (summary.incidents)
        for (const auto& i : *summary.incidents)
            if (i.status != "resolved" && i.status != "postmortem") {
                out.incident = i.name;
                break;
            }
    return out;
}

}  // namespace ngd::checks
