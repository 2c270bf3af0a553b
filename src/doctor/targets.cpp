#include "doctor/target.hpp"

#include <array>

namespace ngd::doctor {
namespace {

struct adapter_keys {
    std::string_view adapter;
    std::string_view base_url;
    std::string_view api_key;
    std::string_view model;
};

// Spec §2: which keys each model adapter reads.
constexpr std::array<adapter_keys, 3> known_adapters{{
    {"openai_model", "openai_base_url", "openai_api_key", "openai_model"},
    {"inference_provider", "base_url", "api_key", "model"},
    {"vllm_model", "base_url", "api_key", "model"},
}};

const adapter_keys* keys_of(std::string_view adapter)
{
    for (const auto& keys : known_adapters)
        if (keys.adapter == adapter) return &keys;
    return nullptr;
}

target_field field_of(const config::node* parent, std::string prefix, std::string_view key)
{
    target_field field;
    field.path = prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
    const config::node* value = parent ? parent->find(key) : nullptr;
    if (!value) return field;
    field.where = value->where();
    switch (value->type()) {
    case config::node::kind::null: break;
    case config::node::kind::string: field.value = value->as_string(); break;
    case config::node::kind::unresolved:
        field.value = value->as_string();
        field.unresolved = true;
        break;
    default: field.value = value->to_python_str(); break;
    }
    return field;
}

// vllm_model accepts a list of base URLs: the first is the target's, the rest are kept.
void read_base_urls(target& t, const config::node& inner, std::string_view key)
{
    const config::node* value = inner.find(key);
    if (!value || !value->is_list()) return;
    const auto& items = value->items();
    if (items.empty()) return;
    t.base_url.value = items.front().is_scalar() ? std::optional(items.front().to_python_str()) : std::nullopt;
    t.base_url.where = items.front().where();
    for (std::size_t i = 1; i < items.size(); ++i) t.extra_base_urls.push_back(items[i].to_python_str());
}

target policy_target(const config::node& root)
{
    target t;
    t.name = "policy";
    t.adapter = "policy";
    t.base_url = field_of(&root, "", "policy_base_url");
    t.api_key = field_of(&root, "", "policy_api_key");
    t.model = field_of(&root, "", "policy_model_name");
    return t;
}

}  // namespace

std::vector<target> find_targets(const config::node& root)
{
    std::vector<target> targets;
    if (!root.is_map()) return {policy_target(config::node::map())};
    for (const auto& [name, server] : root.entries()) {
        const config::node* models = server.find("responses_api_models");
        if (!models || !models->is_map() || models->entries().size() != 1) continue;
        const auto& [adapter, inner] = models->entries().front();
        const adapter_keys* keys = keys_of(adapter);
        if (!keys || !inner.is_map()) continue;
        const std::string prefix = name + ".responses_api_models." + adapter;
        target t;
        t.name = name;
        t.adapter = adapter;
        t.base_url = field_of(&inner, prefix, keys->base_url);
        read_base_urls(t, inner, keys->base_url);
        t.api_key = field_of(&inner, prefix, keys->api_key);
        t.model = field_of(&inner, prefix, keys->model);
        t.server = &inner;
        targets.push_back(std::move(t));
    }
    if (targets.empty()) targets.push_back(policy_target(root));
    return targets;
}

}  // namespace ngd::doctor
