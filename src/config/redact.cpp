#include "config/redact.hpp"

#include "config/interpolation.hpp"

#include <cctype>

namespace ngd::config {

namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

node stars(const origin& where) { return node::string("****", where); }

void hide(node& map, interpolator& in, const std::string& path)
{
    for (auto& [key, value] : map.entries()) {
        std::string here = path.empty() ? key : path + "." + key;
        bool masked = nemo_gym_masks_key(key);
        // NeMo Gym sees values through DictConfig.items(), i.e. resolved: an interpolation
        // naming a dict is recursed into at its own place, one naming a list is a list here.
        node::kind seen = value.type();
        std::size_t list_size = value.is_list() ? value.items().size() : 0;
        origin where = value.where();
        if (value.is_string() && masked && is_whole_interpolation(value.as_string())) {
            if (auto r = in.resolve_path(here)) {
                seen = r->type();
                where = r->where();
                if (r->is_list()) list_size = r->items().size();
            }
        }
        if (seen == node::kind::map) {
            if (value.is_map()) hide(value, in, here);
        } else if (seen == node::kind::list) {
            if (masked) {
                node_list items(list_size, stars(where));
                value = node::list(std::move(items), where);
            } else if (value.is_list()) {
                for (auto& item : value.items())
                    if (item.is_map()) hide(item, in, "");
            }
        } else if (masked) {
            value = stars(where);
        }
    }
}

bool credential_start(std::string_view s, std::size_t i)
{
    if (i > 0 && (std::isalnum(static_cast<unsigned char>(s[i - 1])) || s[i - 1] == '-' || s[i - 1] == '_')) return false;
    return s.substr(i, 3) == "sk-" && i + 3 < s.size() &&
           (std::isalnum(static_cast<unsigned char>(s[i + 3])) || s[i + 3] == '-' || s[i + 3] == '_');
}

bool token_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'; }

void redact(node& n, bool masked_name)
{
    if (n.is_map()) {
        for (auto& [key, value] : n.entries()) {
            bool masked = nemo_gym_masks_key(key) || superset_masks_key(key);
            if (masked && value.is_list()) {
                node_list items(value.items().size(), stars(value.where()));
                value = node::list(std::move(items), value.where());
            } else {
                redact(value, masked);
            }
        }
        return;
    }
    if (n.is_list()) {
        for (auto& item : n.items()) redact(item, false);
        return;
    }
    if (masked_name) {
        n = stars(n.where());
        return;
    }
    if (n.is_string() && looks_like_credential(n.as_string())) {
        node masked = node::string(mask_credentials_in(n.as_string()), n.where());
        n = masked;
    }
}

}  // namespace

bool nemo_gym_masks_key(std::string_view key)
{
    return key.find("token") != std::string_view::npos || key.find("key") != std::string_view::npos;
}

bool superset_masks_key(std::string_view key)
{
    auto k = lower(key);
    for (auto word : {"secret", "password", "authorization", "api_key", "apikey", "token"})
        if (k.find(word) != std::string::npos) return true;
    return false;
}

bool looks_like_credential(std::string_view value) { return mask_credentials_in(value) != value; }

std::string mask_credentials_in(std::string_view s)
{
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
        if (credential_start(s, i)) {
            std::size_t end = i;
            while (end < s.size() && token_char(s[end])) ++end;
            out += "****";
            i = end;
            continue;
        }
        if ((s.substr(i, 7) == "Bearer " || s.substr(i, 7) == "bearer ") &&
            (i == 0 || !std::isalnum(static_cast<unsigned char>(s[i - 1])))) {
            std::size_t start = i + 7;
            while (start < s.size() && s[start] == ' ') ++start;
            std::size_t end = start;
            while (end < s.size() && !std::isspace(static_cast<unsigned char>(s[end])) && s[end] != '"' && s[end] != '\'') ++end;
            if (end > start && s.substr(start, end - start) != "****") {
                out += std::string(s.substr(i, start - i)) + "****";
                i = end;
                continue;
            }
        }
        out += s[i++];
    }
    return out;
}

void hide_secrets_nemo_gym(node& root, const env_lookup& env)
{
    node snapshot = root;
    interpolator in(snapshot, env);
    if (root.is_map()) hide(root, in, "");
}

void redact_superset(node& root) { redact(root, false); }

std::string masked_key(std::string_view key)
{
    if (key.size() >= 24) return std::string(key.substr(0, 12)) + "..." + std::string(key.substr(key.size() - 3));
    if (key.size() >= 8) return std::string(key.substr(0, 3)) + "..." + std::string(key.substr(key.size() - 2));
    return "***";
}

}  // namespace ngd::config

namespace ngd::config {

node nemo_gym_printed_tree(const resolution& r, const env_lookup& env)
{
    node tree = r.unresolved_root;
    if (!r.from_config_dict_env) hide_secrets_nemo_gym(tree, env);
    interpolator in(tree, env);
    return in.resolve_all();
}

}  // namespace ngd::config
