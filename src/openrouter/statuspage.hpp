#pragma once
/// Statuspage v2 JSON (Atlassian, and incident.io's compatible copy): /api/v2/status.json
/// and /api/v2/summary.json of a provider's status page.
#include "openrouter/parse_error.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::openrouter {

/// The page's overall state; `unknown` for a value outside the documented ones.
enum class status_indicator { none, minor, major, critical, maintenance, unknown };

/// A component's state; `unknown` for a value outside the documented ones.
enum class component_status { operational, degraded_performance, partial_outage, major_outage,
                              under_maintenance, unknown };

/// "none", "minor", "major", "critical", "maintenance"; anything else is `unknown`.
status_indicator parse_status_indicator(std::string_view text);
/// "operational", "degraded_performance", ...; anything else is `unknown`.
component_status parse_component_status(std::string_view text);
/// The Statuspage spelling ("unknown" for unknown).
std::string_view to_string(status_indicator s) noexcept;
std::string_view to_string(component_status s) noexcept;

/// The `page` object.
struct status_page_info {
    std::string id;
    std::string name;
    std::string url;
    std::optional<std::string> updated_at;
};

/// The `status` object: the page's own summary.
struct page_status {
    status_indicator indicator = status_indicator::unknown;
    std::string indicator_text;  ///< as sent
    std::string description;     ///< "All Systems Operational"
};

/// One entry of `components`.
struct status_component {
    std::string id;
    std::string name;
    component_status status = component_status::unknown;
    std::string status_text;  ///< as sent
    bool group = false;       ///< a group; its children name it in group_id
    std::optional<std::string> group_id;
    bool only_show_if_degraded = false;
    std::optional<std::string> description;
    std::vector<std::string> children;  ///< a group's component ids

    /// Statuspage hides such a component while it is operational.
    bool hidden() const { return only_show_if_degraded && status == component_status::operational; }
};

/// One entry of `incidents` (unresolved or recent).
struct status_incident {
    std::string id;
    std::string name;
    std::string status;  ///< investigating, identified, monitoring, resolved, postmortem
    std::string impact;  ///< none, minor, major, critical
    std::optional<std::string> shortlink;
    std::optional<std::string> created_at;
    std::optional<std::string> updated_at;
};

/// /api/v2/status.json
struct status_page_state {
    status_page_info page;
    page_status status;
};

/// /api/v2/summary.json; `incidents` is absent from incident.io's compatible copy.
struct status_page_summary {
    status_page_info page;
    page_status status;
    std::vector<status_component> components;
    std::optional<std::vector<status_incident>> incidents;
    std::optional<std::size_t> scheduled_maintenance_count;

    /// The worst state among visible, non-group components; `operational` when there is none.
    component_status worst_component() const;
};

/// Parses a status.json body; `page` and `status.indicator` are required.
parse_result<status_page_state> parse_statuspage_status(std::string_view body);
/// Parses a summary.json body; `components`, `incidents` and `scheduled_maintenances` may be absent.
parse_result<status_page_summary> parse_statuspage_summary(std::string_view body);

}  // namespace ngd::openrouter
