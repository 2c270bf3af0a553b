#pragma once
/// OmegaConf.merge: deep dict merge, lists replaced, `???` never overrides, keys keep the
/// position where they first appeared.
#include "config/node.hpp"

#include <string>
#include <string_view>

namespace ngd::config {

/// Merges `src` into `dest` (both maps). Returns false when a dict meets a list at the same
/// key (either way round): OmegaConf stops there with a ConfigTypeError, and `dest` is left
/// partly merged.
[[nodiscard]] bool merge_into(node& dest, const node& src);

/// OmegaConf's text for that clash: `full_key` is the node the outermost merge started at
/// ("" for OmegaConf.merge of whole configs), `object_type` that node's type ("dict"/"list").
std::string merge_clash_message(std::string_view full_key, std::string_view object_type);

}  // namespace ngd::config
