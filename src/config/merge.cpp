#include "config/merge.hpp"

#include "config/interpolation_grammar.hpp"

#include <unordered_map>

namespace ngd::config {

namespace {

// OmegaConf merges a container into an interpolation by first replacing the interpolation
// with (a copy of) the container it points at. Absolute node paths are followed here.
const node* dereference(const node& root, const node& value)
{
    if (!value.is_string() || value.as_string().find("${") == std::string::npos) return nullptr;
    try {
        auto parts = grammar::parse_string(value.as_string());
        if (parts.size() != 1 || !parts[0].inter || parts[0].inter->is_resolver || parts[0].inter->dots) return nullptr;
        const node* at = &root;
        for (auto& key : parts[0].inter->keys) {
            if (key.parts.size() != 1 || key.parts[0].inter || !at->is_map()) return nullptr;
            at = at->find(key.parts[0].text);
            if (!at) return nullptr;
        }
        return at->is_map() || at->is_list() ? at : nullptr;
    } catch (const grammar::parse_error&) {
        return nullptr;
    }
}

bool merge_maps(node& dest, const node& src, const node& root, merge_clash* clash);

}  // namespace

bool merge_into(node& dest, const node& src, merge_clash* clash)
{
    node root = dest;  // a snapshot for interpolation lookups (copy-on-write: cheap)
    return merge_maps(dest, src, root, clash);
}

std::string merge_clash_message(std::string_view full_key, std::string_view object_type)
{
    // omegaconf/basecontainer.py: _map_merge refuses a ListConfig source into a DictConfig and
    // ListConfig._merge_with a DictConfig source, both with this text; str(e) adds the node.
    return "Cannot merge DictConfig with ListConfig\n    full_key: " + std::string(full_key) +
           "\n    object_type=" + std::string(object_type);
}

namespace {

// Below this many (existing x incoming) pairs a scan is cheaper than building an index.
constexpr std::size_t scan_pairs_limit = 1024;

bool merge_maps(node& dest, const node& src, const node& root, merge_clash* clash)
{
    auto& entries = dest.entries();
    const auto& incoming = src.entries();
    // Large maps (thousands of server instances) get a hash index so the merge stays linear.
    std::unordered_map<std::string, std::size_t> index;
    // Keys from src are appended as they come, so a scan would also cover the keys already
    // added: an empty dest still costs incoming^2 without the index.
    bool indexed = incoming.size() * (entries.size() + incoming.size()) > scan_pairs_limit;
    if (indexed) {
        index.reserve(entries.size() + incoming.size());
        for (std::size_t i = 0; i < entries.size(); ++i) index.emplace(entries[i].first, i);
    }
    for (const auto& [key, value] : incoming) {
        node* existing = nullptr;
        if (indexed) {
            auto it = index.find(key);
            if (it != index.end()) existing = &entries[it->second].second;
        } else {
            for (auto& [k, v] : entries)
                if (k == key) {
                    existing = &v;
                    break;
                }
        }
        if (!existing) {
            if (indexed) index.emplace(key, entries.size());
            entries.emplace_back(key, value);
            continue;
        }
        if (value.is_missing()) continue;
        if (!value.is_scalar() && existing->is_scalar())
            if (const node* target = dereference(root, *existing)) *existing = *target;
        if ((existing->is_map() && value.is_list()) || (existing->is_list() && value.is_map())) {
            if (clash) *clash = {key, existing->where(), value.where()};
            return false;
        }
        if (existing->is_map() && value.is_map()) {
            if (!merge_maps(*existing, value, root, clash)) {
                if (clash) clash->key = key + "." + clash->key;  // the path is built on the way out only
                return false;
            }
        } else {
            *existing = value;
        }
    }
    return true;
}

}  // namespace

}  // namespace ngd::config
