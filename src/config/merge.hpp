#pragma once
/// OmegaConf.merge: deep dict merge, lists replaced, `???` never overrides, keys keep the
/// position where they first appeared.
#include "config/node.hpp"

namespace ngd::config {

/// Merges `src` into `dest` (both maps).
void merge_into(node& dest, const node& src);

}  // namespace ngd::config
