#include "simulator/json_bodies.hpp"

#include <cmath>

namespace ngd::sim {
namespace {

namespace json = boost::json;

// Whole amounts print as integers ("100", not "1E2"), as OpenRouter's own bodies do.
json::value money(double value)
{
    if (std::trunc(value) == value && std::fabs(value) < 1e15) return json::value(std::int64_t(value));
    return json::value(value);
}

json::value optional_number(const std::optional<double>& value)
{
    return value ? money(*value) : json::value(nullptr);
}

json::value optional_string(const std::optional<std::string>& value)
{
    return value ? json::value(*value) : json::value(nullptr);
}

json::object endpoints_architecture(const json::object& model)
{
    json::object architecture;
    const auto* source = model.if_contains("architecture");
    if (source && source->is_object()) architecture = source->as_object();
    // The endpoints response requires both keys, nullable; /models may omit them.
    if (!architecture.contains("tokenizer")) architecture["tokenizer"] = nullptr;
    if (!architecture.contains("instruct_type")) architecture["instruct_type"] = nullptr;
    return architecture;
}

json::value member_or(const json::object& object, std::string_view name, json::value fallback)
{
    const auto* value = object.if_contains(name);
    return value ? *value : fallback;
}

}  // namespace

json::object error_envelope(int code, std::string_view message)
{
    json::object error;
    error["message"] = message;
    error["code"] = code;
    json::object envelope;
    envelope["error"] = std::move(error);
    return envelope;
}

json::object oas_error_envelope(int code, std::string_view message)
{
    json::object error;
    error["code"] = code;
    error["message"] = message;
    json::object envelope;
    envelope["error"] = std::move(error);
    return envelope;
}

json::object& error_of(json::object& envelope) { return envelope["error"].as_object(); }

std::string key_body(const key_record& key)
{
    json::object data;
    data["label"] = key.label;
    data["limit"] = optional_number(key.limit);
    data["limit_remaining"] = optional_number(key.limit_remaining);
    data["limit_reset"] = optional_string(key.limit_reset);
    data["include_byok_in_limit"] = key.include_byok_in_limit;
    data["usage"] = money(key.usage);
    data["usage_daily"] = money(key.usage_daily);
    data["usage_weekly"] = money(key.usage_weekly);
    data["usage_monthly"] = money(key.usage_monthly);
    data["byok_usage"] = 0;
    data["byok_usage_daily"] = 0;
    data["byok_usage_weekly"] = 0;
    data["byok_usage_monthly"] = 0;
    data["is_free_tier"] = key.is_free_tier;
    data["is_management_key"] = key.management;
    data["is_provisioning_key"] = key.management;
    data["rate_limit"] = {{"requests", -1}, {"interval", "10s"}, {"note", "This field is deprecated and safe to ignore."}};
    data["expires_at"] = optional_string(key.expires_at);
    data["creator_user_id"] = key.creator_user_id;
    data["organization_id"] = optional_string(key.organization_id);
    data["workspace_id"] = optional_string(key.workspace_id);
    json::array regions;
    for (const auto& region : key.allowed_data_regions) regions.emplace_back(region);
    data["allowed_data_regions"] = std::move(regions);
    data["free_model_daily_requests"] = {{"limit", key.free_requests.limit},
                                         {"remaining", key.free_requests.remaining},
                                         {"used", key.free_requests.used}};
    return json::serialize(json::object{{"data", std::move(data)}});
}

std::string credits_body(const key_record& key)
{
    return json::serialize(
        json::object{{"data", {{"total_credits", money(key.total_credits)}, {"total_usage", money(key.total_usage)}}}});
}

std::string model_listing_body(const std::vector<const model_entry*>& page, std::size_t total_count,
                               const std::string* next_link)
{
    // Serialized piecewise: the models are already JSON objects, copying them into one
    // array first would double the work for a large catalog.
    std::string body = "{\"data\":[";
    bool first = true;
    for (const auto* entry : page) {
        if (!first) body += ',';
        first = false;
        body += entry->model_text();
    }
    body += "],\"total_count\":" + std::to_string(total_count) + ",\"links\":{\"next\":";
    body += next_link ? json::serialize(json::string(*next_link)) : std::string("null");
    body += "}}";
    return body;
}

std::string model_body(const model_entry& model)
{
    return json::serialize(json::object{{"data", model.model}});
}

std::string endpoints_body(const model_entry& model, bool authenticated)
{
    json::object data;
    data["id"] = model.id;
    data["name"] = member_or(model.model, "name", json::string_view(model.id));
    data["created"] = member_or(model.model, "created", 0);
    data["description"] = member_or(model.model, "description", "");
    data["architecture"] = endpoints_architecture(model.model);
    json::array endpoints = model.endpoints;
    // The 30-minute latency and throughput figures reach authenticated callers only; OpenRouter
    // sends them as null to anyone else (openrouter-api.md §4.2, PublicEndpoint).
    if (!authenticated)
        for (auto& endpoint : endpoints)
            if (endpoint.is_object())
                for (const auto* field : {"latency_last_30m", "throughput_last_30m", "perf_last_30m_by_workload"})
                    if (endpoint.as_object().contains(field)) endpoint.as_object()[field] = nullptr;
    data["endpoints"] = std::move(endpoints);
    return json::serialize(json::object{{"data", std::move(data)}});
}

std::string providers_body(const json::array& providers)
{
    return json::serialize(json::object{{"data", providers}});
}

std::string model_count_body(std::size_t count)
{
    return json::serialize(json::object{{"data", {{"count", count}}}});
}

}  // namespace ngd::sim
