#include "simulator/catalog_routes.hpp"

#include "simulator/json_bodies.hpp"

#include <algorithm>
#include <charconv>

namespace ngd::sim {
namespace {

namespace json = boost::json;

constexpr std::size_t default_page = 500;
constexpr std::size_t largest_page = 1000;

std::vector<std::string> split_list(std::string_view text)
{
    std::vector<std::string> items;
    while (!text.empty()) {
        const auto comma = text.find(',');
        if (auto item = text.substr(0, comma); !item.empty()) items.emplace_back(item);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return items;
}

bool array_has_all(const json::object& object, std::string_view field, const std::vector<std::string>& wanted)
{
    const auto* list = object.if_contains(field);
    if (!list || !list->is_array()) return wanted.empty();
    return std::all_of(wanted.begin(), wanted.end(), [&](const std::string& name) {
        const auto& items = list->as_array();
        return std::find(items.begin(), items.end(), json::value(name)) != items.end();
    });
}

const json::object& architecture_of(const model_entry& model)
{
    static const json::object none;
    const auto* a = model.model.if_contains("architecture");
    return a && a->is_object() ? a->as_object() : none;
}

std::string lower(std::string_view text)
{
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The documented filters that matter for a catalog check; the others are accepted and ignored.
struct listing_filter {
    std::vector<std::string> parameters, input_modalities, output_modalities{"text"};
    std::string words;

    explicit listing_filter(const incoming& request)
    {
        parameters = split_list(request.query_value("supported_parameters"));
        input_modalities = split_list(request.query_value("input_modalities"));
        if (request.has_query("output_modalities")) {
            const auto wanted = request.query_value("output_modalities");
            output_modalities = wanted == "all" ? std::vector<std::string>{} : split_list(wanted);
        }
        words = lower(request.query_value("q"));
    }

    bool is_default() const
    {
        return parameters.empty() && input_modalities.empty() && output_modalities == std::vector<std::string>{"text"} &&
               words.empty();
    }

    bool accepts(const model_entry& model) const
    {
        if (!array_has_all(model.model, "supported_parameters", parameters)) return false;
        const auto& a = architecture_of(model);
        if (!array_has_all(a, "input_modalities", input_modalities)) return false;
        if (!output_modalities.empty()) {
            const auto* out = a.if_contains("output_modalities");
            const bool any = out && out->is_array() && std::any_of(output_modalities.begin(), output_modalities.end(), [&](const std::string& m) {
                                 const auto& items = out->as_array();
                                 return std::find(items.begin(), items.end(), json::value(m)) != items.end();
                             });
            if (!any) return false;
        }
        if (!words.empty()) {
            const auto* name = model.model.if_contains("name");
            const std::string haystack = lower(model.id) + " " + (name && name->is_string() ? lower(name->as_string()) : "");
            if (haystack.find(words) == std::string::npos) return false;
        }
        return true;
    }
};

bool read_count(const incoming& request, std::string_view name, std::size_t& out)
{
    if (!request.has_query(name)) return true;
    const auto text = request.query_value(name);
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc{} && end == text.data() + text.size();
}

reply bad_query(std::string_view what)
{
    return json_reply(400, json::serialize(error_envelope(400, std::string("Invalid query parameter: ") + std::string(what))));
}

}  // namespace

bool excluded_for(const key_record& key, std::string_view model_id)
{
    return std::any_of(key.excluded_models.begin(), key.excluded_models.end(), [&](const std::string& pattern) {
        if (!pattern.empty() && pattern.back() == '*') return model_id.starts_with(pattern.substr(0, pattern.size() - 1));
        return pattern == model_id;
    });
}

reply resource_not_found()
{
    return json_reply(404, json::serialize(oas_error_envelope(404, "Resource not found")));
}

reply list_models(const incoming& request, const scenario& world, const key_record* for_key)
{
    const listing_filter filter(request);
    const bool paged = request.has_query("offset") || request.has_query("limit");
    if (!paged && filter.is_default() && (!for_key || for_key->excluded_models.empty()))
        return json_reply(200, world.models.full_listing());

    std::size_t offset = 0, limit = default_page;
    if (!read_count(request, "offset", offset)) return bad_query("offset");
    if (!read_count(request, "limit", limit) || limit == 0) return bad_query("limit");
    limit = std::min(limit, largest_page);

    std::vector<const model_entry*> matching;
    for (const auto& model : world.models.entries())
        if (filter.accepts(model) && !(for_key && excluded_for(*for_key, model.id))) matching.push_back(&model);
    if (!paged) return json_reply(200, model_listing_body(matching, matching.size(), nullptr));

    const std::size_t total = matching.size();
    const auto first = std::min(offset, total);
    const auto last = std::min(first + limit, total);
    std::vector<const model_entry*> page(matching.begin() + std::ptrdiff_t(first), matching.begin() + std::ptrdiff_t(last));
    std::string next;
    if (last < total) next = request.path + "?offset=" + std::to_string(last) + "&limit=" + std::to_string(limit);
    return json_reply(200, model_listing_body(page, total, next.empty() ? nullptr : &next));
}

reply count_models(const scenario& world)
{
    return json_reply(200, model_count_body(world.models.size()));
}

reply show_model(const scenario& world, std::string_view id)
{
    const auto* model = world.models.resolve(id);
    return model ? json_reply(200, model_body(*model)) : resource_not_found();
}

reply show_endpoints(const scenario& world, std::string_view id, bool authenticated)
{
    const auto* model = world.models.resolve(id);
    return model ? json_reply(200, endpoints_body(*model, authenticated)) : resource_not_found();
}

reply list_providers(const scenario& world)
{
    return json_reply(200, providers_body(world.providers));
}

}  // namespace ngd::sim
