#pragma once
/// YAML files loaded the way OmegaConf.load reads them, each value keeping its line/column.
#include "config/node.hpp"
#include "config/resolve.hpp"

#include <string>
#include <string_view>
#include <variant>

namespace ngd::config {

/// A loaded document, or NeMo Gym's "Malformed YAML in '<path>' at line L, column C: ..." error.
using load_result = std::variant<node, config_error>;

/// Parses `text`; origins name `display_name`; errors name `error_path` (NeMo Gym prints the
/// resolved path there).
load_result load_yaml_text(std::string_view text, const std::string& display_name,
                           const std::string& error_path);

/// Reads and parses a file. An unreadable file is a ConfigError too.
load_result load_yaml_file(const std::string& path, const std::string& display_name);

}  // namespace ngd::config
