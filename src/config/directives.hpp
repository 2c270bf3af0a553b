#pragma once
/// NeMo Gym's config directives (`_inherit_from`, `_copy`, `_delete_key`, `${inherit_from:..}`,
/// `${copy:..}`) and its check for values still `???` after merging.
#include "config/node.hpp"
#include "config/resolve.hpp"

#include <optional>

namespace ngd::config {

/// `_recursively_swap_keys`: applies the directives in place.
std::optional<config_error> apply_directives(node& root);

/// `raise_on_missing_values`: every leaf still `???`, as one ConfigMissingValuesError.
std::optional<config_error> check_missing_values(const node& root);

}  // namespace ngd::config
