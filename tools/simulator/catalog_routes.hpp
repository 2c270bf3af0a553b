#pragma once
/// The public model routes: /models (filters, paging), /models/count, /models/user,
/// /model/{author}/{slug}, /models/{author}/{slug}/endpoints and /providers.
#include "simulator/auth.hpp"
#include "simulator/exchange.hpp"
#include "simulator/scenario.hpp"

namespace ngd::sim {

/// GET /api/v1/models, or /models/user when `for_key` is set (its exclusions applied).
reply list_models(const incoming& request, const scenario& world, const key_record* for_key);

/// GET /api/v1/models/count.
reply count_models(const scenario& world);

/// GET /api/v1/model/{author}/{slug}; `id` is "author/slug[:variant]".
reply show_model(const scenario& world, std::string_view id);

/// GET /api/v1/models/{author}/{slug}/endpoints.
reply show_endpoints(const scenario& world, std::string_view id, bool authenticated);

/// GET /api/v1/providers.
reply list_providers(const scenario& world);

/// True when the key's scenario hides this model (exact id, or a prefix ending in `*`).
bool excluded_for(const key_record& key, std::string_view model_id);

/// The 404 OpenRouter gives for an unknown model on the catalog routes.
reply resource_not_found();

}  // namespace ngd::sim
