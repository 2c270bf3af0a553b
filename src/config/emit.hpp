#pragma once
/// Writing a config out: YAML laid out and quoted exactly as OmegaConf.to_yaml (PyYAML's
/// emitter with OmegaConf's string quoting), and the same tree as JSON.
#include "config/node.hpp"

#include <string>

namespace ngd::config {

struct emit_options {
    bool show_origin = false;  ///< "  # file:line" / "# override" / "# default" after each leaf
};

/// OmegaConf.to_yaml(cfg) of an already resolved tree (ends with one newline).
std::string to_yaml(const node& root, const emit_options& options = {});

/// The tree as JSON (2-space indent; floats in Python's repr, NaN/Infinity as Python's json).
std::string to_json(const node& root);

/// True when PyYAML, reading this text as a plain scalar, would not give a string (so the
/// emitter must quote it): null, bool, int, float, timestamp, merge and value forms.
bool plain_resolves_to_non_string(std::string_view text);

}  // namespace ngd::config
