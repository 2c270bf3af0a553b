#pragma once
/// Builds the default catalog deterministically: the same ids, prices and endpoints on
/// every run; only expiration dates move with the clock, so "expired" and "expiring
/// within 30 days" stay true whatever the day.
#include "simulator/catalog.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ngd::sim {

/// The model table with its `:free` variants, then dated snapshots until `size` models.
catalog generate_catalog(std::size_t size, std::int64_t now_unix);

/// A model with sensible defaults for any `author/slug[:variant]` id (scenario additions).
model_entry default_model(std::string_view id, std::int64_t now_unix);

/// The endpoint a provider would list for a model (status 0, healthy uptime).
boost::json::object default_endpoint(const model_entry& model, std::string_view provider_slug);

}  // namespace ngd::sim
