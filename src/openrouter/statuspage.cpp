#include "openrouter/statuspage.hpp"

#include "openrouter/json_read.hpp"

#include <array>
#include <utility>

namespace ngd::openrouter {

namespace {

using detail::object_reader;

constexpr std::array<std::pair<std::string_view, status_indicator>, 5> indicator_names = {{
    {"none", status_indicator::none},
    {"minor", status_indicator::minor},
    {"major", status_indicator::major},
    {"critical", status_indicator::critical},
    {"maintenance", status_indicator::maintenance},
}};

constexpr std::array<std::pair<std::string_view, component_status>, 5> component_names = {{
    {"operational", component_status::operational},
    {"degraded_performance", component_status::degraded_performance},
    {"partial_outage", component_status::partial_outage},
    {"major_outage", component_status::major_outage},
    {"under_maintenance", component_status::under_maintenance},
}};

// How bad a component state is, for picking the worst one; unknown ranks just above operational.
int severity(component_status s)
{
    switch (s) {
    case component_status::operational: return 0;
    case component_status::unknown: return 1;
    case component_status::under_maintenance: return 2;
    case component_status::degraded_performance: return 3;
    case component_status::partial_outage: return 4;
    case component_status::major_outage: return 5;
    }
    return 1;
}

status_page_info read_page(object_reader& root)
{
    auto page = root.object("page");
    return {page.opt_string("id").value_or(""), page.opt_string("name").value_or(""),
            page.opt_string("url").value_or(""), page.opt_string("updated_at")};
}

page_status read_status(object_reader& root)
{
    auto status = root.object("status");
    page_status out;
    out.indicator_text = status.string("indicator");
    out.indicator = parse_status_indicator(out.indicator_text);
    out.description = status.opt_string("description").value_or("");
    return out;
}

status_component read_component(object_reader& c)
{
    status_component out;
    out.id = c.opt_string("id").value_or("");
    out.name = c.string("name");
    out.status_text = c.string("status");
    out.status = parse_component_status(out.status_text);
    out.group = c.opt_boolean("group").value_or(false);
    out.group_id = c.opt_string("group_id");
    out.only_show_if_degraded = c.opt_boolean("only_show_if_degraded").value_or(false);
    out.description = c.opt_string("description");
    out.children = c.strings("components");
    return out;
}

status_incident read_incident(object_reader& i)
{
    status_incident out;
    out.id = i.opt_string("id").value_or("");
    out.name = i.string("name");
    out.status = i.opt_string("status").value_or("");
    out.impact = i.opt_string("impact").value_or("");
    out.shortlink = i.opt_string("shortlink");
    out.created_at = i.opt_string("created_at");
    out.updated_at = i.opt_string("updated_at");
    return out;
}

status_page_summary read_summary(object_reader& root)
{
    status_page_summary out;
    out.page = read_page(root);
    out.status = read_status(root);
    if (auto components = root.opt_array("components")) out.components = components->map_objects(read_component);
    if (auto incidents = root.opt_array("incidents")) out.incidents = incidents->map_objects(read_incident);
    if (auto maintenances = root.opt_array("scheduled_maintenances"))
        out.scheduled_maintenance_count = maintenances->size();
    return out;
}

}  // namespace

status_indicator parse_status_indicator(std::string_view text)
{
    for (const auto& [name, value] : indicator_names)
        if (name == text) return value;
    return status_indicator::unknown;
}

component_status parse_component_status(std::string_view text)
{
    for (const auto& [name, value] : component_names)
        if (name == text) return value;
    return component_status::unknown;
}

std::string_view to_string(status_indicator s) noexcept
{
    for (const auto& [name, value] : indicator_names)
        if (value == s) return name;
    return "unknown";
}

std::string_view to_string(component_status s) noexcept
{
    for (const auto& [name, value] : component_names)
        if (value == s) return name;
    return "unknown";
}

component_status status_page_summary::worst_component() const
{
    component_status worst = component_status::operational;
    for (const auto& c : components)
        if (!c.group && !c.hidden() && severity(c.status) > severity(worst)) worst = c.status;
    return worst;
}

parse_result<status_page_state> parse_statuspage_status(std::string_view body)
{
    return detail::read_document<status_page_state>(body, [](object_reader& root) {
        return status_page_state{read_page(root), read_status(root)};
    });
}

parse_result<status_page_summary> parse_statuspage_summary(std::string_view body)
{
    return detail::read_document<status_page_summary>(body, read_summary);
}

}  // namespace ngd::openrouter
