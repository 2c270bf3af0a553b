#include "config/directives.hpp"

#include "config/merge.hpp"
#include "config/python_text.hpp"

namespace ngd::config {

namespace {

std::vector<std::string> split_trimmed(const std::string& text, char sep)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        auto at = text.find(sep, start);
        std::string part = text.substr(start, at == std::string::npos ? std::string::npos : at - start);
        auto a = part.find_first_not_of(" \t");
        auto b = part.find_last_not_of(" \t");
        out.push_back(a == std::string::npos ? "" : part.substr(a, b - a + 1));
        if (at == std::string::npos) break;
        start = at + 1;
    }
    return out;
}

struct swapper {
    node& live;
    const node frozen;  // the config before any swap: chained directives are not re-resolved
    std::optional<config_error> error;

    explicit swapper(node& root) : live(root), frozen(root) {}

    // _recursive_index_dict_using_path on the frozen copy.
    std::optional<node> source(const std::vector<std::string>& path)
    {
        const node* at = &frozen;
        for (auto& part : path) {
            if (at->is_missing()) return node::string("???", at->where());
            const node* next = at->is_map() ? at->find(part) : nullptr;
            if (!next) {
                std::string listed = "[";
                for (std::size_t i = 0; i < path.size(); ++i) listed += (i ? ", " : "") + python_str_repr(path[i]);
                config_error e;
                e.type = "InheritPathNotFoundError";
                e.message = "Path specified does not exist in config: " + listed + "]";
                if (!error) error = e;
                return std::nullopt;
            }
            at = next;
        }
        return *at;
    }

    void pop_live(const std::vector<std::string>& path)
    {
        node* at = &live;
        for (std::size_t i = 0; i + 1 < path.size(); ++i) {
            at = at->is_map() ? at->find(path[i]) : nullptr;
            if (!at) return;
        }
        if (at->is_map()) std::erase_if(at->entries(), [&](auto& e) { return e.first == path.back(); });
    }

    static std::optional<std::pair<bool, std::string>> string_directive(const node& v)
    {
        if (!v.is_string()) return std::nullopt;
        auto& s = v.as_string();
        for (auto [prefix, inherit] : {std::pair{std::string("${inherit_from:"), true}, std::pair{std::string("${copy:"), false}}) {
            if (s.rfind(prefix, 0) == 0) {
                auto close = s.find('}', prefix.size());
                return std::pair{inherit, s.substr(prefix.size(), close == std::string::npos ? std::string::npos
                                                                                               : close - prefix.size())};
            }
        }
        return std::nullopt;
    }

    void walk(node& container)
    {
        if (!container.is_map()) return;
        std::vector<std::string> keys;
        for (auto& entry : container.entries()) keys.push_back(entry.first);
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const std::string& key_name = keys[i];
            // Fast path: nothing before this key was popped, so it is still at position i.
            auto slot_of = [&]() -> node* {
                auto& entries = container.entries();
                if (i < entries.size() && entries[i].first == key_name) return &entries[i].second;
                return container.find(key_name);
            };
            const node* current = slot_of();
            if (!current) continue;  // popped by an inherit_from earlier in this walk
            node v = *current;
            std::vector<std::string> remaining_deletes;
            if (v.is_map()) {
                if (auto* del = v.find("_delete_key")) {
                    std::string keys = del->is_string() ? del->as_string() : del->to_python_str();
                    std::erase_if(v.entries(), [](auto& e) { return e.first == "_delete_key"; });
                    for (auto& key : split_trimmed(keys, ',')) {
                        // DictConfig's `in` is false for a '???' value, so it is not deleted here.
                        const node* present = v.find(key);
                        if (present && !present->is_missing())
                            std::erase_if(v.entries(), [&](auto& e) { return e.first == key; });
                        else remaining_deletes.push_back(key);
                    }
                }
            }
            if (v.is_map()) walk(v);
            else if (v.is_list())
                for (auto& item : v.items())
                    if (item.is_map()) walk(item);

            std::optional<std::pair<bool, std::string>> directive = string_directive(v);
            bool property_form = false;
            if (!directive && v.is_map()) {
                for (auto [key, inherit] : {std::pair{"_inherit_from", true}, std::pair{"_copy", false}}) {
                    if (auto* p = v.find(key)) {
                        directive = std::pair{inherit, p->is_string() ? p->as_string() : p->to_python_str()};
                        std::erase_if(v.entries(), [name = key](auto& e) { return e.first == name; });
                        property_form = true;
                        break;
                    }
                }
            }
            if (directive) {
                auto path = split_trimmed(directive->second, '.');
                if (directive->first) pop_live(path);
                auto swapped = source(path);
                if (!swapped) return;
                if (property_form && swapped->is_map()) {
                    node merged = *swapped;
                    merge_clash clash;
                    if (!merge_into(merged, v, &clash) && !error) {
                        config_error e;
                        e.type = "ConfigTypeError";  // OmegaConf.merge(swapped, v) raises, uncaught
                        e.message = merge_clash_message("", "dict");
                        e.where = clash.later;
                        e.clash = clash;
                        error = e;
                    }
                    v = merged;
                } else {
                    v = *swapped;
                }
                for (auto& key : remaining_deletes) {
                    if (v.is_map() && v.find(key)) {
                        std::erase_if(v.entries(), [&](auto& e) { return e.first == key; });
                    } else if (!error) {
                        config_error e;
                        e.type = "ConfigKeyError";
                        e.message = "Key not found: '" + key + "'";
                        error = e;
                    }
                }
            }
            // The source may have been popped from this very map; find the key again.
            if (node* slot = slot_of()) *slot = std::move(v);
        }
    }
};

void collect_missing(const node& n, const std::string& path, std::vector<std::string>& out, origin& first)
{
    if (n.is_map()) {
        for (auto& [k, v] : n.entries()) collect_missing(v, path.empty() ? k : path + "." + k, out, first);
    } else if (n.is_list()) {
        std::size_t i = 0;
        for (auto& item : n.items()) collect_missing(item, path + "[" + std::to_string(i++) + "]", out, first);
    } else if (n.is_missing()) {
        if (out.empty()) first = n.where();
        out.push_back(path);
    }
}

}  // namespace

std::optional<config_error> apply_directives(node& root)
{
    swapper s(root);
    s.walk(root);
    return s.error;
}

std::optional<config_error> check_missing_values(const node& root)
{
    std::vector<std::string> missing;
    origin first;
    collect_missing(root, "", missing, first);
    if (missing.empty()) return std::nullopt;
    config_error e;
    e.type = "ConfigMissingValuesError";
    e.message = std::to_string(missing.size()) + " required config value(s) are unset (still '" "?" "?" "?" "') after merging:\n";
    for (auto& m : missing) e.message += "  - " + m + "\n";
    e.message += "\nProvide each value via a CLI override, in env.yaml, or in a config you pass via config_paths.\n"
                 "For example, on the command line:";
    for (std::size_t i = 0; i < missing.size() && i < 3; ++i) e.message += "\n  ++" + missing[i] + "=<value>";
    e.where = first;
    return e;
}

}  // namespace ngd::config
