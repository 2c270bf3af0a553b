#pragma once
/// How a plain (unquoted) YAML scalar is typed by OmegaConf's loader: PyYAML's YAML 1.1
/// resolvers plus OmegaConf's extra float form, without timestamps.
#include "config/node.hpp"

#include <string_view>

namespace ngd::config {

/// The typed value of a plain scalar ("yes" -> true, "0x1F" -> 31, "1e3" -> 1000.0, "~" -> null).
node type_plain_yaml_scalar(std::string_view text, origin where);

/// True when a plain scalar with this text would be typed as a string (the key check for
/// duplicate keys only applies to string keys).
bool plain_yaml_scalar_is_string(std::string_view text);

}  // namespace ngd::config
