#pragma once
/// The bounds config resolution keeps to, whatever the input: past each one the input is
/// refused with an error naming the limit, instead of a stack overflow, a hang or an
/// unbounded allocation. NeMo Gym's parsers are Python: its recursion limit (1000 frames)
/// stops them far below these depths (PyYAML fails near 1000 nested lists, OmegaConf on an
/// interpolation chain of about 60 links), so no config NeMo Gym accepts is refused here.
#include <cstddef>
#include <cstdint>

namespace ngd::config::limits {

/// Containers nested in containers: a YAML file, an override's value, an override's dotted key.
inline constexpr std::size_t max_nesting_depth = 256;

/// Nodes in one YAML file counting every alias expansion ("billion laughs": 9 aliases of 9
/// aliases ... expand to 10^9 nodes from a few hundred bytes).
inline constexpr std::size_t max_yaml_nodes = 2'000'000;

/// Interpolations resolved through one another (a: ${b}, b: ${c}, ...) and `${` nested in `${`.
inline constexpr std::size_t max_interpolation_depth = 128;

/// Bytes read from one env.yaml or config file (a file that never ends, /dev/zero, is refused).
inline constexpr std::uintmax_t max_file_bytes = 16u * 1024 * 1024;

}  // namespace ngd::config::limits
