#pragma once
/// A target: one (base URL, API key, model) triple that the checks look at, read from the
/// resolved config through its adapter's keys (spec §2).
#include "config/node.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ngd::doctor {

/// One value of a target and where it was set.
struct target_field {
    std::string path;                  ///< dotted config path, e.g. "policy_api_key"
    std::optional<std::string> value;  ///< nullopt when the key is absent or null
    config::origin where;              ///< where the (resolved) value was written
    bool unresolved = false;           ///< its interpolation failed; `value` holds the raw text
};

struct target {
    std::string name;     ///< the server instance ("policy_model") or "policy"
    std::string adapter;  ///< "openai_model", "inference_provider", "vllm_model" or "policy"
    target_field base_url;
    target_field api_key;
    target_field model;
    std::vector<std::string> extra_base_urls;  ///< vllm_model's further base URLs, when a list
    const config::node* server = nullptr;      ///< the adapter's inner dict (extra_body, ...), if any
};

/// Every `responses_api_models` instance with a known adapter, in config order; when there is
/// none, the `policy_*` keys as one target named "policy" (even when unset: the checks then
/// say what is missing).
std::vector<target> find_targets(const config::node& root);

}  // namespace ngd::doctor
