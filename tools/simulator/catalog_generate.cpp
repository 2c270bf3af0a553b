#include "simulator/catalog_generate.hpp"

#include "simulator/clock.hpp"
#include "simulator/model_table.hpp"
#include "simulator/providers.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

namespace ngd::sim {
namespace {

namespace json = boost::json;

constexpr std::int64_t day = 86400;
constexpr std::int64_t catalog_epoch = 1685577600;  // 2023-06-01, the oldest `created`

// Hosts of open-weight models, picked deterministically per model.
constexpr std::array<std::string_view, 10> open_model_hosts{
    "deepinfra", "together", "fireworks", "groq", "novita", "parasail", "nebius", "hyperbolic", "lambda", "cerebras"};

std::uint64_t stable_hash(std::string_view text)
{
    std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a: stable across runs and platforms
    for (const unsigned char c : text) hash = (hash ^ c) * 1099511628211ULL;
    return hash;
}

std::string price_text(double per_million)
{
    if (per_million < 0) return "-1";
    if (per_million == 0) return "0";
    char text[32];
    std::snprintf(text, sizeof text, "%.12f", per_million / 1e6);
    std::string price = text;
    while (price.back() == '0') price.pop_back();
    if (price.back() == '.') price.pop_back();
    return price;
}

std::string_view author_part(std::string_view id) { return id.substr(0, id.find('/')); }

std::string_view base_id(std::string_view id) { return id.substr(0, id.find(':')); }

std::string vendor_name(std::string_view author)
{
    const auto& info = author_of(author);
    if (!info.vendor.empty()) return std::string(info.vendor);
    std::string name(author);
    if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    return name;
}

json::array supported_parameters(unsigned traits)
{
    json::array list{"max_tokens", "temperature", "top_p", "stop", "frequency_penalty", "presence_penalty", "seed"};
    if (traits & trait::tools) {
        for (const auto* name : {"tools", "tool_choice", "response_format", "structured_outputs"}) list.emplace_back(name);
    }
    if (traits & trait::reasoning) {
        for (const auto* name : {"reasoning", "include_reasoning"}) list.emplace_back(name);
    }
    return list;
}

json::object architecture(std::string_view author, unsigned traits)
{
    const auto& info = author_of(author);
    const bool vision = traits & trait::vision;
    json::object a;
    a["modality"] = vision ? "text+image->text" : "text->text";
    a["input_modalities"] = vision ? json::array{"text", "image", "file"} : json::array{"text"};
    a["output_modalities"] = json::array{"text"};
    a["tokenizer"] = info.tokenizer;
    a["instruct_type"] = info.instruct_type.empty() ? json::value(nullptr) : json::value(info.instruct_type);
    return a;
}

json::object pricing(const model_spec& spec, bool free)
{
    json::object p;
    p["prompt"] = free ? "0" : price_text(spec.prompt_per_million);
    p["completion"] = free ? "0" : price_text(spec.completion_per_million);
    p["request"] = "0";
    p["image"] = "0";
    p["web_search"] = "0";
    p["internal_reasoning"] = "0";
    return p;
}

json::value expiration(unsigned traits, std::uint64_t hash, std::int64_t now_unix)
{
    if (traits & trait::retired) return json::value(utc_date(now_unix - (20 + std::int64_t(hash % 300)) * day));
    if (traits & trait::retiring) return json::value(utc_date(now_unix + (3 + std::int64_t(hash % 24)) * day));
    return nullptr;
}

std::string canonical_slug(std::string_view id, std::int64_t created)
{
    const auto base = base_id(id);
    if (base.find("-20") != std::string_view::npos) return std::string(base);
    std::string date = utc_date(created);
    std::erase(date, '-');
    return std::string(base) + "-" + date;
}

model_entry build_model(std::string_view id, const model_spec& spec, bool free, std::int64_t created,
                        std::int64_t now_unix)
{
    const auto hash = stable_hash(id);
    const auto author = author_part(id);
    const auto vendor = vendor_name(author);
    const bool moderated = author == "openai" || author == "anthropic";
    json::object m;
    m["id"] = id;
    m["canonical_slug"] = canonical_slug(id, created);
    m["hugging_face_id"] = author_of(author).open_weights ? json::value(base_id(id)) : json::value(nullptr);
    m["name"] = vendor + ": " + std::string(spec.name) + (free ? " (free)" : "");
    m["created"] = created;
    m["description"] = std::string(spec.name) + " by " + vendor + ", with a " + std::to_string(spec.context) +
                       "-token context window.";
    m["context_length"] = spec.context;
    m["architecture"] = architecture(author, spec.traits);
    m["pricing"] = pricing(spec, free);
    const int max_completion = spec.context < 32768 ? spec.context / 2 : (moderated ? 16384 : 32768);
    m["top_provider"] = {{"context_length", spec.context},
                         {"max_completion_tokens", author_of(author).open_weights ? json::value(nullptr)
                                                                                  : json::value(max_completion)},
                         {"is_moderated", moderated}};
    m["per_request_limits"] = nullptr;
    m["supported_parameters"] = supported_parameters(spec.traits);
    m["default_parameters"] = {{"temperature", nullptr}, {"top_p", nullptr}, {"frequency_penalty", nullptr}};
    m["supported_voices"] = nullptr;
    m["knowledge_cutoff"] = nullptr;
    m["expiration_date"] = expiration(spec.traits, hash, now_unix);
    m["links"] = {{"details", "/api/v1/models/" + std::string(id) + "/endpoints"}};

    model_entry entry;
    entry.id = std::string(id);
    entry.model = std::move(m);
    return entry;
}

std::vector<std::string_view> serving_providers(const model_entry& model)
{
    const auto author = author_part(model.id);
    if (model.is_free()) return {author == "google" ? "google-ai-studio" : "chutes"};
    const auto& info = author_of(author);
    std::vector<std::string_view> slugs;
    for (const auto slug : info.providers)
        if (!slug.empty()) slugs.push_back(slug);
    if (info.open_weights) {
        const auto hash = stable_hash(model.id);
        const std::size_t count = 1 + hash % 3;
        for (std::size_t i = 0; i < count; ++i)
            slugs.push_back(open_model_hosts[(hash / 7 + i) % open_model_hosts.size()]);
    }
    return slugs;
}

void add_default_endpoints(model_entry& model)
{
    for (const auto slug : serving_providers(model)) model.endpoints.push_back(default_endpoint(model, slug));
}

std::int64_t created_of(std::string_view id)
{
    return catalog_epoch + std::int64_t(stable_hash(base_id(id)) % (3 * 365)) * day;
}

void add_model(catalog& models, std::string_view id, const model_spec& spec, bool free, std::int64_t created,
               std::int64_t now_unix)
{
    auto entry = build_model(id, spec, free, created, now_unix);
    add_default_endpoints(entry);
    models.add(std::move(entry));
}

// Dated snapshots of table models ("-0506"), as providers publish them.
void add_snapshots(catalog& models, std::size_t size, std::int64_t now_unix)
{
    const auto table = model_table();
    for (std::size_t round = 1; models.size() < size && round < 1000; ++round) {
        for (const auto& spec : table) {
            if (models.size() >= size) return;
            if (spec.traits & (trait::free_only | trait::retired) || spec.prompt_per_million < 0) continue;
            // The id comes from the snapshot's nominal date, so it never changes; only
            // `created` is kept in the past.
            const std::int64_t nominal = created_of(spec.id) + std::int64_t(round) * 97 * day;
            const std::int64_t created = std::min(nominal, now_unix - day);
            const std::string date = utc_date(nominal);
            const std::string id = std::string(spec.id) + "-" + date.substr(5, 2) + date.substr(8, 2) +
                                   (round > 3 ? "-r" + std::to_string(round) : "");
            if (models.find(id)) continue;
            model_spec snapshot = spec;
            const std::string name = std::string(spec.name) + " (" + date.substr(5) + ")";
            snapshot.name = name;
            snapshot.traits &= ~(trait::has_free | trait::retiring);
            add_model(models, id, snapshot, false, created, now_unix);
        }
    }
}

}  // namespace

json::object default_endpoint(const model_entry& model, std::string_view provider_slug)
{
    const auto hash = stable_hash(std::string(model.id) + "@" + std::string(provider_slug));
    const auto* provider = provider_by_slug(provider_slug);
    const std::string provider_name = provider ? std::string(provider->name) : std::string(provider_slug);
    const auto& m = model.model;
    const auto author = author_part(model.id);
    const bool open = author_of(author).open_weights;
    const bool tools = m.contains("supported_parameters") && m.at("supported_parameters").is_array() &&
                       [&] {
                           for (const auto& p : m.at("supported_parameters").as_array())
                               if (p == "tool_choice") return true;
                           return false;
                       }();
    json::object pricing = m.contains("pricing") && m.at("pricing").is_object() ? m.at("pricing").as_object()
                                                                                : json::object{{"prompt", "0"}, {"completion", "0"}};
    pricing["discount"] = 0;

    json::object e;
    e["name"] = provider_name + " | " + model.id;
    e["model_id"] = m.contains("canonical_slug") ? m.at("canonical_slug") : json::value(model.id);
    e["model_name"] = m.contains("name") ? m.at("name") : json::value(model.id);
    e["context_length"] = model.context_length();
    e["pricing"] = std::move(pricing);
    e["provider_name"] = provider_name;
    e["tag"] = provider_slug;
    e["quantization"] = open ? json::value(hash % 2 ? "fp8" : "bf16") : json::value(nullptr);
    // Each endpoint has its own output cap: the top provider's where the model has one, else
    // what this host allows (hosts of open-weight models differ), never above the window.
    const auto* top = m.if_contains("top_provider");
    const auto* top_max = top && top->is_object() ? top->as_object().if_contains("max_completion_tokens") : nullptr;
    constexpr std::array<std::int64_t, 3> host_caps{8192, 16384, 32768};
    const std::int64_t cap = top_max && top_max->is_int64() ? top_max->as_int64() : host_caps[hash / 3 % host_caps.size()];
    e["max_completion_tokens"] = std::min<std::int64_t>(cap, model.context_length());
    e["max_prompt_tokens"] = nullptr;
    e["supported_parameters"] = m.contains("supported_parameters") ? m.at("supported_parameters") : json::array{};
    e["status"] = 0;
    e["uptime_last_30m"] = 98.0 + double(hash % 200) / 100.0;
    e["uptime_last_5m"] = 100;
    e["uptime_last_1d"] = 97.5 + double(hash / 200 % 250) / 100.0;
    e["supports_implicit_caching"] = author == "openai" || author == "google" || author == "deepseek";
    e["supports_tool_choice"] = {{"auto", tools}, {"none", tools}, {"required", tools}, {"function", tools}};
    const double p50 = 250.0 + double(hash % 700);
    e["latency_last_30m"] = {{"p50", p50}, {"p75", p50 * 1.3}, {"p90", p50 * 1.9}, {"p99", p50 * 4.2}};
    const double t50 = 30.0 + double(hash / 700 % 150);
    e["throughput_last_30m"] = {{"p50", t50}, {"p75", t50 * 0.85}, {"p90", t50 * 0.6}, {"p99", t50 * 0.3}};
    return e;
}

model_entry default_model(std::string_view id, std::int64_t now_unix)
{
    const model_spec spec{id, id.substr(id.find('/') + 1), 131072, 1, 2, trait::tools};
    const bool free = id.ends_with(":free");
    auto entry = build_model(id, spec, free, created_of(id), now_unix);
    add_default_endpoints(entry);
    return entry;
}

catalog generate_catalog(std::size_t size, std::int64_t now_unix)
{
    catalog models;
    for (const auto& spec : model_table()) {
        if (models.size() >= size) break;
        const std::int64_t created = created_of(spec.id);
        if (!(spec.traits & trait::free_only)) add_model(models, spec.id, spec, false, created, now_unix);
        if (spec.traits & (trait::has_free | trait::free_only) && models.size() < size)
            add_model(models, std::string(spec.id) + ":free", spec, true, created, now_unix);
    }
    add_snapshots(models, size, now_unix);
    return models;
}

}  // namespace ngd::sim
