#pragma once
/// A simulated status-page host: Atlassian Statuspage v2 JSON, a redirect to another
/// host, or OnlineOrNot's HTML shell with an RSS feed of incidents.
#include "simulator/exchange.hpp"
#include "simulator/scenario.hpp"

#include <cstdint>

namespace ngd::sim {

/// Answers a request to a status page host.
reply serve_status_page(const incoming& request, const status_page& page, std::int64_t now_unix);

}  // namespace ngd::sim
