#pragma once
/// The simulated status pages: defaults for the hosts a doctor follows (OpenAI,
/// Anthropic/Claude, OpenRouter) and the filling-in of scenario-described pages.
#include "simulator/scenario.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace ngd::sim {

/// status.openai.com (incident.io, summary without incidents), status.anthropic.com
/// (302 to status.claude.com), status.claude.com (Statuspage), status.openrouter.ai (OnlineOrNot).
std::map<std::string, status_page> default_status_pages(std::int64_t now_unix);

/// A Statuspage with a few operational components, for a host the scenario names.
status_page plain_status_page(std::string_view host, std::string_view name, std::int64_t now_unix);

/// A full Statuspage component object from a partial one ({name, status} is enough).
boost::json::object complete_component(const boost::json::object& partial, const status_page& page, int position,
                                       std::int64_t now_unix);

/// A full Statuspage incident object from a partial one ({name, status, impact, body}).
boost::json::object complete_incident(const boost::json::object& partial, const status_page& page,
                                      std::int64_t now_unix);

/// Statuspage's description for an indicator ("All Systems Operational", ...).
std::string indicator_description(std::string_view indicator);

/// The component status an indicator implies for the worst component.
std::string component_status_for(std::string_view indicator);

/// "https://status.example.com/x" -> "status.example.com"; empty when not a URL.
std::string host_of_url(std::string_view url);

}  // namespace ngd::sim
