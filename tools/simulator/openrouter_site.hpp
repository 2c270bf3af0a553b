#pragma once
/// openrouter.ai: the API under /api/v1 and, for every other path, the site's HTML 404.
#include "simulator/auth.hpp"
#include "simulator/exchange.hpp"
#include "simulator/scenario.hpp"

#include <cstdint>

namespace ngd::sim {

/// Answers a request to openrouter.ai.
reply serve_openrouter(const incoming& request, scenario& world, const caller& who, std::int64_t now_unix);

/// The Next.js "page not found" HTML the real site serves for unknown paths.
reply site_not_found();

}  // namespace ngd::sim
