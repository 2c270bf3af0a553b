#include "simulator/status_pages.hpp"

#include "simulator/clock.hpp"

#include <cstdio>

namespace ngd::sim {
namespace {

namespace json = boost::json;

constexpr std::int64_t components_created = 1485907306;  // 2017-02-01, a page's founding day

std::string short_id(std::string_view seed, std::size_t length = 12)
{
    static constexpr char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::uint64_t hash = 1469598103934665603ULL;
    for (const unsigned char c : seed) hash = (hash ^ c) * 1099511628211ULL;
    std::string id;
    for (std::size_t i = 0; i < length; ++i) {
        id += alphabet[hash % 36];
        hash = hash / 36 + (hash % 36) * 0x9E3779B97F4A7C15ULL;
    }
    return id;
}

json::value string_or(const json::object& object, std::string_view name, json::value fallback)
{
    const auto* value = object.if_contains(name);
    return value ? *value : fallback;
}

status_page statuspage(std::string_view host, std::string_view name, std::initializer_list<const char*> components,
                       std::int64_t now_unix)
{
    status_page page;
    page.host = std::string(host);
    page.name = std::string(name);
    page.page_id = short_id(host);
    int position = 1;
    for (const auto* component : components)
        page.components.push_back(
            complete_component(json::object{{"name", component}, {"status", "operational"}}, page, position++, now_unix));
    return page;
}

}  // namespace

std::string indicator_description(std::string_view indicator)
{
    if (indicator == "minor") return "Partially Degraded Service";
    if (indicator == "major") return "Partial System Outage";
    if (indicator == "critical") return "Major System Outage";
    if (indicator == "maintenance") return "Service Under Maintenance";
    return "All Systems Operational";
}

std::string component_status_for(std::string_view indicator)
{
    if (indicator == "minor") return "degraded_performance";
    if (indicator == "major") return "partial_outage";
    if (indicator == "critical") return "major_outage";
    if (indicator == "maintenance") return "under_maintenance";
    return "operational";
}

std::string host_of_url(std::string_view url)
{
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return {};
    auto rest = url.substr(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
    rest = rest.substr(0, rest.find(':'));
    std::string host(rest);
    for (auto& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return host;
}

json::object complete_component(const json::object& partial, const status_page& page, int position,
                                std::int64_t now_unix)
{
    const std::string name = partial.contains("name") && partial.at("name").is_string()
                                 ? std::string(partial.at("name").as_string())
                                 : "Component " + std::to_string(position);
    json::object c;
    c["id"] = string_or(partial, "id", json::value(short_id(page.host + "/" + name)));
    c["name"] = name;
    c["status"] = string_or(partial, "status", "operational");
    c["created_at"] = iso_time(components_created);
    c["updated_at"] = iso_time(now_unix - 3600);
    c["position"] = string_or(partial, "position", position);
    c["description"] = string_or(partial, "description", nullptr);
    c["showcase"] = string_or(partial, "showcase", true);
    c["start_date"] = nullptr;
    c["group_id"] = string_or(partial, "group_id", nullptr);
    c["page_id"] = page.page_id;
    c["group"] = string_or(partial, "group", false);
    c["only_show_if_degraded"] = string_or(partial, "only_show_if_degraded", false);
    if (const auto* children = partial.if_contains("components")) c["components"] = *children;
    return c;
}

json::object complete_incident(const json::object& partial, const status_page& page, std::int64_t now_unix)
{
    const std::string name = partial.contains("name") && partial.at("name").is_string()
                                 ? std::string(partial.at("name").as_string())
                                 : "Elevated error rates";
    const std::string status = partial.contains("status") && partial.at("status").is_string()
                                   ? std::string(partial.at("status").as_string())
                                   : "investigating";
    const std::string id = partial.contains("id") && partial.at("id").is_string()
                               ? std::string(partial.at("id").as_string())
                               : short_id(page.host + "#" + name);
    const std::string started = iso_time(now_unix - 1800);
    const std::string updated = iso_time(now_unix - 600);
    const bool resolved = status == "resolved" || status == "postmortem";

    json::array affected;
    json::array components;
    if (const auto* names = partial.if_contains("components"); names && names->is_array()) {
        for (const auto& wanted : names->as_array()) {
            for (const auto& component : page.components) {
                const auto& c = component.as_object();
                if (c.at("name") != wanted) continue;
                components.push_back(c);
                affected.push_back({{"code", c.at("id")}, {"name", c.at("name")}, {"old_status", "operational"},
                                    {"new_status", c.at("status")}});
            }
        }
    }
    json::object update;
    update["id"] = short_id(id + "/update");
    update["status"] = status;
    update["body"] = string_or(partial, "body", "We are investigating this issue.");
    update["incident_id"] = id;
    update["created_at"] = updated;
    update["updated_at"] = updated;
    update["display_at"] = updated;
    update["affected_components"] = std::move(affected);

    json::object i;
    i["id"] = id;
    i["name"] = name;
    i["status"] = status;
    i["created_at"] = started;
    i["updated_at"] = updated;
    i["monitoring_at"] = status == "monitoring" ? json::value(updated) : json::value(nullptr);
    i["resolved_at"] = resolved ? json::value(updated) : json::value(nullptr);
    i["impact"] = string_or(partial, "impact", "minor");
    i["shortlink"] = "https://stspg.io/" + short_id(id, 8);
    i["started_at"] = started;
    i["page_id"] = page.page_id;
    i["incident_updates"] = json::array{std::move(update)};
    i["components"] = std::move(components);
    return i;
}

status_page plain_status_page(std::string_view host, std::string_view name, std::int64_t now_unix)
{
    return statuspage(host, name, {"API", "Website", "Dashboard"}, now_unix);
}

std::map<std::string, status_page> default_status_pages(std::int64_t now_unix)
{
    std::map<std::string, status_page> pages;

    auto openai = statuspage("status.openai.com", "OpenAI", {"APIs", "ChatGPT", "Sora", "FedRAMP"}, now_unix);
    openai.summary_has_incidents = false;  // incident.io's compatibility summary has no incidents key
    pages.emplace(openai.host, std::move(openai));

    pages.emplace("status.claude.com",
                  statuspage("status.claude.com", "Claude",
                             {"claude.ai", "platform.claude.com", "Claude API (api.anthropic.com)", "Claude Code"},
                             now_unix));

    status_page anthropic;
    anthropic.host = "status.anthropic.com";
    anthropic.name = "Anthropic";
    anthropic.kind = status_page_kind::redirect;
    anthropic.redirect_to = "status.claude.com";
    pages.emplace(anthropic.host, std::move(anthropic));

    status_page openrouter;
    openrouter.host = "status.openrouter.ai";
    openrouter.name = "OpenRouter";
    openrouter.kind = status_page_kind::onlineornot;
    pages.emplace(openrouter.host, std::move(openrouter));
    return pages;
}

}  // namespace ngd::sim
