#pragma once
/// Showing an API key the way OpenRouter's own `label` does, never in full.
#include <string>
#include <string_view>

namespace ngd::openrouter {

/// OpenRouter's masked form: the first 12 characters, "...", the last 3
/// ("sk-or-v1-0e6...c96"). A shorter key shows fewer characters, at most half of it, so
/// no key is ever shown whole, and never more than 15 characters of it in all. Control
/// characters in the shown part print as '?'. An empty key gives "".
std::string mask_key(std::string_view key);

}  // namespace ngd::openrouter
