#pragma once
/// OmegaConf.merge: deep dict merge, lists replaced, `???` never overrides, keys keep the
/// position where they first appeared.
#include "config/node.hpp"

#include <string>
#include <string_view>

namespace ngd::config {

/// Where a dict met a list: the dotted key (from the maps given to merge_into) and both values'
/// places, so a report can name the two files and lines.
struct merge_clash {
    std::string key;
    origin earlier;  ///< the value already in `dest`
    origin later;    ///< the value from `src` that cannot be merged into it
};

/// Merges `src` into `dest` (both maps). Returns false when a dict meets a list at the same
/// key (either way round): OmegaConf stops there with a ConfigTypeError, and `dest` is left
/// partly merged; `clash`, when given, then says where. Linear in the number of keys: a map
/// with many keys is looked up through a hash index, never scanned once per incoming key.
[[nodiscard]] bool merge_into(node& dest, const node& src, merge_clash* clash = nullptr);

/// OmegaConf's text for that clash: `full_key` is the node the outermost merge started at
/// ("" for OmegaConf.merge of whole configs), `object_type` that node's type ("dict"/"list").
std::string merge_clash_message(std::string_view full_key, std::string_view object_type);

}  // namespace ngd::config
