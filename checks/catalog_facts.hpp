#pragma once
/// What the checks read from the model catalog: finding a configured id (variants and
/// aliases included), near misses, dates, prices, and similar models to fall back to.
#include "openrouter/model.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace ngd::checks {

/// The catalog entry for `id`: exact, else without a routing suffix such as `:nitro`
/// (`:free` variants are their own catalog entries).
const openrouter::model* find_model(const openrouter::model_list& catalog, std::string_view id);

/// Ids close to `id`: for an id without provider prefix, the entries whose name part is
/// exactly it; otherwise the nearest by edit distance. Best first, at most `n`.
std::vector<std::string> near_ids(const openrouter::model_list& catalog, std::string_view id, std::size_t n = 3);

/// Current models like `m`: not expired, context at least half of m's, price within a
/// factor of two (free stays free); the same provider first, then the nearest price.
std::vector<const openrouter::model*> similar_models(const openrouter::model_list& catalog,
                                                     const openrouter::model& m,
                                                     std::chrono::system_clock::time_point now, std::size_t n = 3);

/// "128,000-token context, $0.15 / $0.60 per million tokens (prompt / completion)".
std::string model_facts(const openrouter::model& m);

/// The moment `m` may be removed, when it has an expiration date.
std::optional<std::chrono::system_clock::time_point> expires(const openrouter::model& m);

}  // namespace ngd::checks
