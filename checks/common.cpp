#include "checks/common.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
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

bool is_openrouter_host(std::string_view host)
{
    return host == "openrouter.ai";
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
    return looks_like_openrouter_host(host_of(*t.base_url.value));
}

bool is_free_model_id(std::string_view id)
{
    return id.ends_with(":free") || id == "openrouter/free";
}

std::string place(const doctor::target_field& field)
{
    const std::string where = field.where.text();
    return where.empty() ? field.path : field.path + " (" + where + ")";
}

}  // namespace ngd::checks
