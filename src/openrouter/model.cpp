#include "openrouter/model.hpp"

#include "openrouter/model_read.hpp"

#include <boost/json.hpp>

#include <charconv>
#include <cmath>
#include <tuple>

namespace ngd::openrouter {

std::optional<double> parse_price(std::string_view text)
{
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

namespace detail {

namespace {

// A price is a decimal string; a plain number is taken as well.
std::pair<std::string, double> read_price(object_reader& pricing, std::string_view key)
{
    const auto where = pricing.place(key);
    const auto* v = pricing.find(key);
    if (!v) {
        if (pricing.valid() && !pricing.state().failed())
            pricing.state().fail(where.str(), "missing, expected a price string");
        return {};
    }
    if (v->is_number()) {
        const auto d = as_number(*v, where, pricing.state(), false);
        return {json::serialize(*v), d.value_or(0)};
    }
    auto text = as_string(*v, where, pricing.state(), false);
    if (!text) return {};
    const auto number = parse_price(*text);
    if (!number) {
        pricing.state().fail(where.str(), "expected a decimal number in a string, got \"" + text->substr(0, 40) + "\"");
        return {};
    }
    return {std::move(*text), *number};
}

top_provider_info read_top_provider(object_reader& top)
{
    return {top.opt_integer("context_length"), top.opt_integer("max_completion_tokens"),
            top.opt_boolean("is_moderated")};
}

}  // namespace

prices read_prices(object_reader& pricing)
{
    prices p;
    std::tie(p.prompt, p.prompt_usd) = read_price(pricing, "prompt");
    std::tie(p.completion, p.completion_usd) = read_price(pricing, "completion");
    p.request = pricing.opt_scalar_text("request");
    p.image = pricing.opt_scalar_text("image");
    p.web_search = pricing.opt_scalar_text("web_search");
    p.internal_reasoning = pricing.opt_scalar_text("internal_reasoning");
    p.input_cache_read = pricing.opt_scalar_text("input_cache_read");
    p.input_cache_write = pricing.opt_scalar_text("input_cache_write");
    p.discount = pricing.opt_number("discount");
    return p;
}

model_architecture read_architecture(object_reader& arch)
{
    model_architecture a;
    a.modality = arch.opt_string("modality");
    a.input_modalities = arch.strings("input_modalities");
    a.output_modalities = arch.strings("output_modalities");
    a.tokenizer = arch.opt_string("tokenizer");
    a.instruct_type = arch.opt_string("instruct_type");
    return a;
}

model read_model(object_reader& m)
{
    model out;
    out.id = m.string("id");
    out.canonical_slug = m.opt_string("canonical_slug").value_or("");
    out.name = m.opt_string("name").value_or("");
    out.hugging_face_id = m.opt_string("hugging_face_id");
    out.description = m.opt_string("description");
    out.created = m.opt_integer("created");
    out.context_length = m.opt_integer("context_length");
    if (auto arch = m.opt_object("architecture")) out.architecture = read_architecture(*arch);
    // OpenRouter always sends prices; vLLM and other OpenAI-compatible servers do not.
    if (auto pricing = m.opt_object("pricing"))
        out.pricing = read_prices(*pricing);
    else
        out.pricing.listed = false;
    if (auto top = m.opt_object("top_provider")) out.top_provider = read_top_provider(*top);
    out.supported_parameters = m.strings("supported_parameters");
    out.knowledge_cutoff = m.opt_string("knowledge_cutoff");
    out.expiration_date = m.opt_string("expiration_date");
    if (auto links = m.opt_object("links")) out.details_link = links->opt_string("details");
    return out;
}

}  // namespace detail

const model* model_list::find(std::string_view id) const
{
    for (const auto& m : data)
        if (m.id == id) return &m;
    return nullptr;
}

parse_result<model_list> parse_model_list(std::string_view body)
{
    return detail::read_document<model_list>(body, [](detail::object_reader& root) {
        model_list list;
        const auto data = root.array("data");
        if (data.size() > max_catalog_models) {
            root.state().fail("data", "the catalog lists " + std::to_string(data.size()) + " models, more than the " +
                                          std::to_string(max_catalog_models) + " ngdoctor reads");
            return list;
        }
        list.data = data.map_objects(detail::read_model);
        list.total_count = root.opt_integer("total_count");
        if (auto links = root.opt_object("links")) list.next_link = links->opt_string("next");
        return list;
    });
}

parse_result<model> parse_single_model(std::string_view body)
{
    return detail::read_document<model>(body, [](detail::object_reader& root) {
        auto data = root.object("data");
        return data.valid() ? detail::read_model(data) : model{};
    });
}

}  // namespace ngd::openrouter
