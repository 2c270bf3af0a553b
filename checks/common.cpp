#include "checks/common.hpp"

#include "openrouter/url.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace ngd::checks {

std::string host_of(std::string_view url)
{
    const auto parsed = boost::urls::parse_uri(url);
    if (!parsed) return "";
    std::string host = parsed->host_address();
    std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
    return host;
}

bool lacks_scheme(std::string_view url)
{
    return !url.empty() && url.find("://") == std::string_view::npos;
}

std::string meant_host_of(std::string_view url)
{
    return lacks_scheme(url) ? host_of("https://" + std::string(url)) : host_of(url);
}

std::string server_text(std::string_view url)
{
    if (lacks_scheme(url)) return "'" + std::string(url) + "' (a base URL without http:// or https://, see base_url.format)";
    const std::string host = host_of(url);
    return host.empty() ? "'" + std::string(url) + "'" : host;
}

bool is_openrouter_host(std::string_view host)
{
    return openrouter::is_openrouter_api_host(host);
}

std::string openrouter_base_for(const doctor::target& t)
{
    const std::string host = t.base_url.value ? host_of(*t.base_url.value) : std::string();
    return "https://" + (is_openrouter_host(host) ? host : std::string("openrouter.ai")) + "/api/v1";
}

bool looks_like_openrouter_host(std::string_view host)
{
    return host == "openrouter.ai" || host.ends_with(".openrouter.ai");
}

bool targets_openrouter(const doctor::target& t)
{
    return t.base_url.value && is_openrouter_host(host_of(*t.base_url.value));
}

bool means_openrouter(const doctor::target& t)
{
    if (!t.base_url.value || t.base_url.value->empty() || t.base_url.unresolved) return true;
    return looks_like_openrouter_host(meant_host_of(*t.base_url.value));
}

bool is_free_model_id(std::string_view id)
{
    return id.ends_with(":free") || id == "openrouter/free";
}

namespace {

// The same value under each adapter's name for it: openai_model's, then the chat adapters'.
struct key_pair {
    std::string_view openai_name, chat_name;
};
constexpr std::array<key_pair, 3> key_pairs{{
    {"openai_base_url", "base_url"}, {"openai_api_key", "api_key"}, {"openai_model", "model"}}};

}  // namespace

std::optional<misnamed_key> find_misnamed(std::string_view adapter, const config::node& inner, std::string_view wanted,
                                          const config::node* written_inner)
{
    if (!inner.is_map() || inner.find(wanted)) return std::nullopt;
    const bool openai = adapter == "openai_model";
    if (!openai && adapter != "inference_provider" && adapter != "vllm_model") return std::nullopt;
    for (const auto& p : key_pairs) {
        const std::string_view mine = openai ? p.openai_name : p.chat_name;
        const std::string_view other = openai ? p.chat_name : p.openai_name;
        if (mine != wanted) continue;
        const config::node* stand_in = inner.find(other);
        if (!stand_in) return std::nullopt;
        // The resolved value carries the origin of what it refers to; the key's line is in
        // the config as written.
        const config::node* written = written_inner ? written_inner->find(other) : nullptr;
        return misnamed_key{std::string(other), std::string(wanted), (written ? written : stand_in)->where().text()};
    }
    return std::nullopt;
}

std::optional<misnamed_key> find_misnamed(const doctor::target& t, const doctor::target_field& field,
                                          const config::node& as_written)
{
    if (!t.server || field.value) return std::nullopt;
    const auto dot = field.path.rfind('.');
    const std::string_view wanted = std::string_view(field.path).substr(dot == std::string::npos ? 0 : dot + 1);
    return find_misnamed(t.adapter, *t.server, wanted, as_written.find_path(t.name + ".responses_api_models." + t.adapter));
}

std::string rename_text(const misnamed_key& m)
{
    return "rename " + m.written + " to " + m.wanted + (m.where.empty() ? "" : " (" + m.where + ")");
}

std::string env_yaml_entry(std::string_view path, std::string_view value)
{
    std::string out;
    std::size_t depth = 0;
    for (std::size_t start = 0;; ++depth) {
        const auto dot = path.find('.', start);
        out += std::string(path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (dot == std::string_view::npos) break;
        out += ": {";
        start = dot + 1;
    }
    out += ": " + std::string(value) + std::string(depth, '}');
    return out;
}

std::string place(const doctor::target_field& field)
{
    const std::string where = field.where.text();
    return where.empty() ? field.path : field.path + " (" + where + ")";
}

}  // namespace ngd::checks
