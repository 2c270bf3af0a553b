#include "simulator/scenario_load.hpp"

#include "simulator/catalog_generate.hpp"
#include "simulator/clock.hpp"
#include "simulator/json_merge.hpp"
#include "simulator/providers.hpp"
#include "simulator/status_pages.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ngd::sim {
namespace {

namespace json = boost::json;

/// Bad scenario input; caught at the boundary of this file and returned as text.
struct scenario_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(const std::string& where, const std::string& what)
{
    throw scenario_error(where + ": " + what);
}

const json::object& object_at(const json::value& value, const std::string& where)
{
    if (!value.is_object()) fail(where, "expected an object");
    return value.as_object();
}

const json::array& array_at(const json::value& value, const std::string& where)
{
    if (!value.is_array()) fail(where, "expected an array");
    return value.as_array();
}

std::string string_at(const json::value& value, const std::string& where)
{
    if (!value.is_string()) fail(where, "expected a string");
    return std::string(value.as_string());
}

double number_at(const json::value& value, const std::string& where)
{
    if (value.is_int64()) return double(value.as_int64());
    if (value.is_uint64()) return double(value.as_uint64());
    if (value.is_double()) return value.as_double();
    fail(where, "expected a number");
}

long integer_at(const json::value& value, const std::string& where)
{
    if (value.is_int64()) return long(value.as_int64());
    if (value.is_uint64()) return long(value.as_uint64());
    fail(where, "expected an integer");
}

bool bool_at(const json::value& value, const std::string& where)
{
    if (!value.is_bool()) fail(where, "expected true or false");
    return value.as_bool();
}

// Field readers: leave `out` alone when the field is absent.
template <class Read, class Out>
void read_field(const json::object& object, std::string_view name, const std::string& where, Read read, Out& out)
{
    if (const auto* value = object.if_contains(name)) out = read(*value, where + "." + std::string(name));
}

void read_nullable_number(const json::object& object, std::string_view name, const std::string& where,
                          std::optional<double>& out)
{
    const auto* value = object.if_contains(name);
    if (!value) return;
    out = value->is_null() ? std::nullopt : std::optional(number_at(*value, where + "." + std::string(name)));
}

void read_nullable_string(const json::object& object, std::string_view name, const std::string& where,
                          std::optional<std::string>& out)
{
    const auto* value = object.if_contains(name);
    if (!value) return;
    out = value->is_null() ? std::nullopt : std::optional(string_at(*value, where + "." + std::string(name)));
}

std::vector<std::string> strings_at(const json::value& value, const std::string& where)
{
    std::vector<std::string> list;
    for (const auto& item : array_at(value, where)) list.push_back(string_at(item, where + "[]"));
    return list;
}

key_state state_named(const std::string& text, const std::string& where)
{
    if (text == "valid") return key_state::valid;
    if (text == "revoked") return key_state::revoked;
    if (text == "expired") return key_state::expired;
    fail(where, "expected valid, revoked or expired");
}

// ---- keys ----------------------------------------------------------------------------

key_record default_key_record()
{
    key_record key;
    key.name = "default";
    key.label = masked_label(default_key);
    key.limit = 100;
    key.limit_remaining = 74.5;
    key.limit_reset = "monthly";
    key.usage = 25.5;
    key.usage_daily = 1.25;
    key.usage_weekly = 6.0;
    key.usage_monthly = 25.5;
    key.total_credits = 100.5;
    key.total_usage = 25.75;
    key.free_requests = {1000, 998, 2};
    key.creator_user_id = "user_2dHFtVWx2n56w6HkM0000000000";
    key.workspace_id = "0df9e665-d932-5740-b2c7-b52af166bc11";
    return key;
}

key_record read_key(const std::string& secret, const json::object& o, const std::string& where,
                    std::size_t position, const std::string& user_id, std::int64_t now_unix)
{
    key_record key;
    key.name = "key" + std::to_string(position);
    key.total_credits = 10;
    key.creator_user_id = user_id;
    key.workspace_id = "0df9e665-d932-5740-b2c7-b52af166bc11";
    read_field(o, "name", where, string_at, key.name);
    key.label = masked_label(secret);
    read_field(o, "label", where, string_at, key.label);
    if (const auto* state = o.if_contains("status")) key.state = state_named(string_at(*state, where + ".status"), where + ".status");
    read_nullable_string(o, "expires_at", where, key.expires_at);
    if (key.expires_at && !parse_utc_time(*key.expires_at)) fail(where + ".expires_at", "expected an ISO-8601 time");
    if (key.state == key_state::expired && !key.expires_at) key.expires_at = iso_time(now_unix - 86400);
    read_field(o, "management", where, bool_at, key.management);
    read_field(o, "is_free_tier", where, bool_at, key.is_free_tier);
    read_nullable_number(o, "limit", where, key.limit);
    key.limit_remaining = key.limit;
    read_nullable_number(o, "limit_remaining", where, key.limit_remaining);
    read_nullable_string(o, "limit_reset", where, key.limit_reset);
    read_field(o, "include_byok_in_limit", where, bool_at, key.include_byok_in_limit);
    read_field(o, "usage", where, number_at, key.usage);
    key.usage_monthly = key.usage;
    read_field(o, "usage_daily", where, number_at, key.usage_daily);
    read_field(o, "usage_weekly", where, number_at, key.usage_weekly);
    read_field(o, "usage_monthly", where, number_at, key.usage_monthly);
    read_field(o, "total_credits", where, number_at, key.total_credits);
    read_field(o, "total_usage", where, number_at, key.total_usage);
    key.free_requests = key.total_credits >= 10 ? free_daily_quota{1000, 1000, 0} : free_daily_quota{50, 50, 0};
    if (const auto* quota = o.if_contains("free_model_daily_requests")) {
        const auto& q = object_at(*quota, where + ".free_model_daily_requests");
        const auto qwhere = where + ".free_model_daily_requests";
        read_field(q, "limit", qwhere, integer_at, key.free_requests.limit);
        key.free_requests.remaining = key.free_requests.limit;
        read_field(q, "used", qwhere, integer_at, key.free_requests.used);
        key.free_requests.remaining = key.free_requests.limit - key.free_requests.used;
        read_field(q, "remaining", qwhere, integer_at, key.free_requests.remaining);
        if (!q.contains("used")) key.free_requests.used = key.free_requests.limit - key.free_requests.remaining;
    }
    read_field(o, "excluded_models", where, strings_at, key.excluded_models);
    read_field(o, "allowed_data_regions", where, strings_at, key.allowed_data_regions);
    read_field(o, "creator_user_id", where, string_at, key.creator_user_id);
    read_nullable_string(o, "organization_id", where, key.organization_id);
    read_nullable_string(o, "workspace_id", where, key.workspace_id);
    return key;
}

void read_keys(const json::value& value, scenario& world, std::int64_t now_unix)
{
    // Keyed by the key string, or a list of objects with a "key" member. Error texts
    // name the key's position or name, never the key itself.
    std::size_t position = 0;
    auto add = [&](const std::string& secret, const json::value& body) {
        ++position;
        const std::string where = "keys[" + std::to_string(position) + "]";
        const auto& o = object_at(body, where);
        auto key = read_key(secret, o, where, position, world.user_id, now_unix);
        if (!world.keys.emplace(secret, std::move(key)).second) fail(where, "the same key appears twice");
    };
    if (value.is_object()) {
        for (const auto& [secret, body] : value.as_object()) add(std::string(secret), body);
        return;
    }
    for (const auto& item : array_at(value, "keys")) {
        const auto& o = object_at(item, "keys[" + std::to_string(position + 1) + "]");
        add(string_at(o.contains("key") ? o.at("key") : json::value(), "keys[" + std::to_string(position + 1) + "].key"),
            item);
    }
}

// ---- catalog -------------------------------------------------------------------------

inference_outcome outcome_named(const std::string& text, const std::string& where)
{
    if (text == "ok") return inference_outcome::ok;
    if (text == "provider_error") return inference_outcome::provider_error;
    if (text == "unavailable") return inference_outcome::unavailable;
    if (text == "capacity") return inference_outcome::capacity;
    fail(where, "expected ok, provider_error, unavailable or capacity");
}

void regenerate_endpoints(model_entry& model)
{
    json::array fresh;
    for (const auto& endpoint : model.endpoints)
        if (endpoint.is_object() && endpoint.as_object().contains("tag") && endpoint.at("tag").is_string())
            fresh.push_back(default_endpoint(model, endpoint.at("tag").as_string()));
    model.endpoints = std::move(fresh);
}

// Applies one scenario model description: model fields are merged into the model object,
// "endpoints", "inference" and "retry_after" describe serving.
void apply_model_fields(model_entry& model, const json::object& fields, const std::string& where)
{
    json::object patch = fields;
    patch.erase("endpoints");
    patch.erase("inference");
    patch.erase("retry_after");
    patch.erase("id");
    merge_into(model.model, patch);
    if (const auto* endpoints = fields.if_contains("endpoints")) {
        json::array list;
        std::size_t i = 0;
        for (const auto& item : array_at(*endpoints, where + ".endpoints")) {
            const auto ewhere = where + ".endpoints[" + std::to_string(++i) + "]";
            const auto& e = object_at(item, ewhere);
            if (!e.contains("tag")) fail(ewhere, "needs a \"tag\" (the provider slug)");
            auto endpoint = default_endpoint(model, string_at(e.at("tag"), ewhere + ".tag"));
            merge_into(endpoint, e);
            list.push_back(std::move(endpoint));
        }
        model.endpoints = std::move(list);
    } else if (!patch.empty()) {
        regenerate_endpoints(model);
    }
    if (const auto* outcome = fields.if_contains("inference"))
        model.inference = outcome_named(string_at(*outcome, where + ".inference"), where + ".inference");
    if (const auto* retry = fields.if_contains("retry_after"))
        model.retry_after_s = int(integer_at(*retry, where + ".retry_after"));
}

void read_catalog(const json::object& o, scenario& world, std::int64_t now_unix)
{
    long size = 320;
    read_field(o, "size", "catalog", integer_at, size);
    if (size < 0 || size > 100000) fail("catalog.size", "expected 0 to 100000");
    world.models = generate_catalog(std::size_t(size), now_unix);
    if (const auto* removed = o.if_contains("remove"))
        for (const auto& id : strings_at(*removed, "catalog.remove"))
            if (!world.models.remove(id)) fail("catalog.remove", "no model " + id + " in the catalog");
    if (const auto* added = o.if_contains("add")) {
        std::size_t i = 0;
        for (const auto& item : array_at(*added, "catalog.add")) {
            const auto where = "catalog.add[" + std::to_string(++i) + "]";
            const auto& fields = object_at(item, where);
            if (!fields.contains("id")) fail(where, "needs an \"id\"");
            const auto id = string_at(fields.at("id"), where + ".id");
            if (id.find('/') == std::string::npos) fail(where + ".id", "expected author/slug");
            auto model = default_model(id, now_unix);
            apply_model_fields(model, fields, where);
            world.models.add(std::move(model));
        }
    }
    if (const auto* updated = o.if_contains("update")) {
        for (const auto& [id, fields] : object_at(*updated, "catalog.update")) {
            const auto where = "catalog.update." + std::string(id);
            auto* model = world.models.find(id);
            if (!model) fail(where, "no such model in the catalog");
            apply_model_fields(*model, object_at(fields, where), where);
        }
    }
}

// ---- providers and status pages ------------------------------------------------------

void read_providers(const json::value& value, scenario& world)
{
    std::size_t i = 0;
    for (const auto& item : array_at(value, "providers")) {
        const auto where = "providers[" + std::to_string(++i) + "]";
        const auto& fields = object_at(item, where);
        if (!fields.contains("slug")) fail(where, "needs a \"slug\"");
        const auto slug = string_at(fields.at("slug"), where + ".slug");
        bool merged = false;
        for (auto& provider : world.providers) {
            const auto& current = provider.as_object().at("slug");
            if (!current.is_string() || current.as_string() != slug) continue;
            merge_into(provider.as_object(), fields);
            merged = true;
        }
        if (merged) continue;
        json::object provider{{"name", slug}, {"slug", slug}, {"privacy_policy_url", "https://" + slug + ".example/privacy"},
                              {"terms_of_service_url", nullptr}, {"status_page_url", nullptr},
                              {"headquarters", "US"}, {"datacenters", json::array{"US"}}};
        merge_into(provider, fields);
        world.providers.push_back(std::move(provider));
    }
}

status_page_kind page_kind_named(const std::string& text, const std::string& where)
{
    if (text == "statuspage") return status_page_kind::statuspage;
    if (text == "redirect") return status_page_kind::redirect;
    if (text == "onlineornot") return status_page_kind::onlineornot;
    fail(where, "expected statuspage, redirect or onlineornot");
}

void read_status_page(const std::string& host, const json::object& o, scenario& world, std::int64_t now_unix)
{
    const auto where = "status_pages." + host;
    auto found = world.status_pages.find(host);
    if (found == world.status_pages.end())
        found = world.status_pages.emplace(host, plain_status_page(host, host, now_unix)).first;
    auto& page = found->second;
    if (const auto* kind = o.if_contains("kind")) page.kind = page_kind_named(string_at(*kind, where + ".kind"), where + ".kind");
    read_field(o, "name", where, string_at, page.name);
    read_field(o, "redirect_to", where, string_at, page.redirect_to);
    read_field(o, "summary_has_incidents", where, bool_at, page.summary_has_incidents);
    read_field(o, "indicator", where, string_at, page.indicator);
    read_field(o, "description", where, string_at, page.description);
    if (const auto* components = o.if_contains("components")) {
        page.components.clear();
        int position = 1;
        for (const auto& item : array_at(*components, where + ".components"))
            page.components.push_back(complete_component(object_at(item, where + ".components[]"), page, position++, now_unix));
    } else if (page.indicator != "none" && !page.components.empty()) {
        // An indicator alone still shows on a component, as a real page would.
        page.components[0].as_object()["status"] = component_status_for(page.indicator);
    }
    if (const auto* incidents = o.if_contains("incidents")) {
        page.incidents.clear();
        for (const auto& item : array_at(*incidents, where + ".incidents"))
            page.incidents.push_back(complete_incident(object_at(item, where + ".incidents[]"), page, now_unix));
    }
    if (page.kind == status_page_kind::redirect && page.redirect_to.empty()) fail(where, "a redirect needs \"redirect_to\"");
}

// Every provider's status page is a host the simulator answers for.
void add_provider_status_pages(scenario& world, std::int64_t now_unix)
{
    for (const auto& provider : world.providers) {
        const auto* url = provider.as_object().if_contains("status_page_url");
        if (!url || !url->is_string()) continue;
        const auto host = host_of_url(url->as_string());
        if (host.empty() || world.status_pages.contains(host)) continue;
        const auto* name = provider.as_object().if_contains("name");
        world.status_pages.emplace(host, plain_status_page(host, name && name->is_string() ? std::string(name->as_string()) : host,
                                                           now_unix));
    }
    for (const auto& [host, page] : world.status_pages)
        if (page.kind == status_page_kind::redirect && !world.status_pages.contains(page.redirect_to))
            throw scenario_error("status_pages." + host + ": redirects to " + page.redirect_to +
                                 ", which is not a simulated status page");
}

// ---- faults and latency --------------------------------------------------------------

route_match read_match(const json::object& o, const std::string& where)
{
    route_match match;
    read_field(o, "host", where, string_at, match.host);
    read_field(o, "method", where, string_at, match.method);
    read_field(o, "path", where, string_at, match.path);
    return match;
}

fault_kind fault_named(const std::string& text, const std::string& where)
{
    static const std::pair<const char*, fault_kind> names[] = {
        {"malformed_json", fault_kind::malformed_json}, {"html_502", fault_kind::html_502},
        {"truncated", fault_kind::truncated},           {"slow_drip", fault_kind::slow_drip},
        {"reset", fault_kind::reset},                   {"oversized", fault_kind::oversized},
        {"redirect_loop", fault_kind::redirect_loop},   {"status", fault_kind::status}};
    for (const auto& [name, kind] : names)
        if (text == name) return kind;
    fail(where, "unknown fault kind \"" + text +
                    "\" (malformed_json, html_502, truncated, slow_drip, reset, oversized, redirect_loop, status)");
}

void read_faults(const json::value& value, scenario& world)
{
    std::size_t i = 0;
    for (const auto& item : array_at(value, "faults")) {
        const auto where = "faults[" + std::to_string(++i) + "]";
        const auto& o = object_at(item, where);
        fault f;
        f.where = read_match(o, where);
        if (!o.contains("kind")) fail(where, "needs a \"kind\"");
        f.kind = fault_named(string_at(o.at("kind"), where + ".kind"), where + ".kind");
        read_field(o, "status", where, integer_at, f.status);
        if (f.status < 100 || f.status > 599) fail(where + ".status", "expected 100 to 599");
        if (const auto* body = o.if_contains("body"))
            f.body = body->is_string() ? std::string(body->as_string()) : json::serialize(*body);
        read_field(o, "content_type", where, string_at, f.content_type);
        read_field(o, "interval_ms", where, integer_at, f.interval_ms);
        if (const auto* times = o.if_contains("times")) f.times = integer_at(*times, where + ".times");
        if (const auto* headers = o.if_contains("headers"))
            for (const auto& [name, text] : object_at(*headers, where + ".headers"))
                f.headers.emplace_back(std::string(name), string_at(text, where + ".headers." + std::string(name)));
        world.faults.push_back(std::move(f));
    }
}

void read_latency(const json::value& value, scenario& world)
{
    std::size_t i = 0;
    for (const auto& item : array_at(value, "latency")) {
        const auto where = "latency[" + std::to_string(++i) + "]";
        const auto& o = object_at(item, where);
        latency_rule rule{read_match(o, where), 0};
        if (!o.contains("ms")) fail(where, "needs \"ms\"");
        rule.ms = int(integer_at(o.at("ms"), where + ".ms"));
        world.latency.push_back(std::move(rule));
    }
}

// "retired_models": {"<id>": {"code": "model_deprecated" | "free_variant_ended",
// "fallback_models": ["<id>", ...]}}. A retired model leaves the catalog.
void read_retired_models(const json::value& value, scenario& world)
{
    for (const auto& [id, fields] : object_at(value, "retired_models")) {
        const std::string where = "retired_models." + std::string(id);
        const auto& o = object_at(fields, where);
        for (const auto& [name, unused] : o)
            if (name != "code" && name != "fallback_models") fail(where + "." + std::string(name), "unknown field");
        retired_model retired;
        read_field(o, "code", where + ".code", string_at, retired.code);
        if (retired.code != "model_deprecated" && retired.code != "free_variant_ended")
            fail(where + ".code", "expected model_deprecated or free_variant_ended");
        if (const auto* fallbacks = o.if_contains("fallback_models"))
            for (const auto& item : array_at(*fallbacks, where + ".fallback_models"))
                retired.fallback_models.push_back(string_at(item, where + ".fallback_models[]"));
        world.models.remove(std::string(id));
        world.retired_models[std::string(id)] = std::move(retired);
    }
}

// ---- the whole file ------------------------------------------------------------------

scenario read_scenario(const json::object& root, std::int64_t now_unix)
{
    static const std::vector<std::string> known{"user_id", "keys", "catalog", "providers", "status_pages", "faults",
                                                "latency_ms", "latency", "models_require_auth",
                                                "availability_in_errors", "completion_text", "description",
                                                "retired_models", "missing_auth_wording", "credits_wording"};
    for (const auto& [name, value] : root)
        if (std::find(known.begin(), known.end(), std::string(name)) == known.end())
            fail(std::string(name), "unknown scenario field");

    scenario world;
    read_field(root, "user_id", "user_id", string_at, world.user_id);
    if (const auto* keys = root.if_contains("keys"))
        read_keys(*keys, world, now_unix);
    else
        world.keys.emplace(std::string(default_key), default_key_record());
    read_catalog(root.contains("catalog") ? object_at(root.at("catalog"), "catalog") : json::object{}, world, now_unix);
    world.providers = default_providers_json();
    if (const auto* providers = root.if_contains("providers")) read_providers(*providers, world);
    world.status_pages = default_status_pages(now_unix);
    if (const auto* pages = root.if_contains("status_pages"))
        for (const auto& [host, page] : object_at(*pages, "status_pages"))
            read_status_page(std::string(host), object_at(page, "status_pages." + std::string(host)), world, now_unix);
    add_provider_status_pages(world, now_unix);
    if (const auto* faults = root.if_contains("faults")) read_faults(*faults, world);
    read_field(root, "latency_ms", "latency_ms", integer_at, world.default_latency_ms);
    if (const auto* latency = root.if_contains("latency")) read_latency(*latency, world);
    read_field(root, "models_require_auth", "models_require_auth", bool_at, world.models_require_auth);
    read_field(root, "availability_in_errors", "availability_in_errors", bool_at, world.availability_in_errors);
    read_field(root, "completion_text", "completion_text", string_at, world.completion_text);
    if (const auto* retired = root.if_contains("retired_models")) read_retired_models(*retired, world);
    read_field(root, "missing_auth_wording", "missing_auth_wording", string_at, world.missing_auth_wording);
    if (world.missing_auth_wording != "classic" && world.missing_auth_wording != "cookie" &&
        world.missing_auth_wording != "spec")
        fail("missing_auth_wording", "expected classic, cookie or spec");
    read_field(root, "credits_wording", "credits_wording", string_at, world.credits_wording);
    if (world.credits_wording != "afford" && world.credits_wording != "insufficient")
        fail("credits_wording", "expected afford or insufficient");
    return world;
}

}  // namespace

std::string masked_label(std::string_view key)
{
    if (key.size() < 18) return std::string(key.substr(0, key.size() / 3)) + "...";
    return std::string(key.substr(0, 12)) + "..." + std::string(key.substr(key.size() - 3));
}

scenario_result load_scenario(std::string_view text, std::int64_t now_unix)
{
    scenario_result result;
    try {
        json::object root;
        if (text.find_first_not_of(" \t\r\n") != std::string_view::npos) {
            boost::system::error_code error;
            auto value = json::parse(text, error);
            if (error) {
                result.error = "scenario is not valid JSON: " + error.message();
                return result;
            }
            root = object_at(value, "scenario");
        }
        result.world = read_scenario(root, now_unix);
    } catch (const std::exception& e) {
        result.error = std::string("scenario ") + e.what();
    }
    return result;
}

scenario_result load_scenario_file(const std::filesystem::path& file, std::int64_t now_unix)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) return {std::nullopt, "cannot read scenario file " + file.string()};
    std::ostringstream text;
    text << in.rdbuf();
    auto result = load_scenario(text.str(), now_unix);
    if (!result.world) result.error = file.string() + ": " + result.error;
    return result;
}

bool key_record::rejected(std::int64_t now_unix) const
{
    if (state != key_state::valid) return true;
    if (!expires_at) return false;
    const auto expiry = parse_utc_time(*expires_at);
    return expiry && *expiry <= now_unix;
}

std::vector<std::string> scenario::hosts() const
{
    std::vector<std::string> list{"openrouter.ai", "eu.openrouter.ai", "us.openrouter.ai"};
    for (const auto& [host, page] : status_pages) list.push_back(host);
    return list;
}

}  // namespace ngd::sim
