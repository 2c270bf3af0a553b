#pragma once
/// Hydra 1.3's command-line overrides (`key=v`, `+key=v`, `++key=v`, `~key`) applied to an
/// empty config, as NeMo Gym's CLI layer does, with Hydra's error texts.
#include "config/node.hpp"
#include "config/resolve.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ngd::config {

struct parsed_override {
    enum class action { change, add, force_add, remove } what = action::change;
    std::string key;            ///< dotted
    std::optional<node> value;  ///< absent for `~key`
    bool sweep = false;         ///< `key=a,b`: rejected in a normal run
    std::string input;          ///< the text as given
};

/// Parses one override; a syntax error comes back with Hydra's message.
std::variant<parsed_override, std::string> parse_override(std::string_view input);

/// NeMo Gym's `_merge_config_paths`: every `+config_paths=[...]` token coalesced into one,
/// placed first.
std::vector<std::string> coalesce_config_paths(const std::vector<std::string>& overrides);

/// The config the overrides build, and the first error Hydra would stop on (type "HydraError",
/// Hydra's text). Overrides that fail are left out, so the rest stays usable.
struct override_result {
    node cfg;
    std::optional<config_error> error;
};

/// Hydra's run: parse all, reject sweeps, then apply in order to an empty map.
override_result apply_overrides(const std::vector<std::string>& overrides);

/// True for a command-line word NeMo Gym would take as an override.
bool looks_like_override(std::string_view word);

}  // namespace ngd::config
