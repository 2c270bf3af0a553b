#include "openrouter/endpoints.hpp"

#include "openrouter/model_read.hpp"

namespace ngd::openrouter {

namespace {

using detail::object_reader;

std::optional<percentiles> read_percentiles(object_reader& parent, std::string_view key)
{
    auto p = parent.opt_object(key);
    if (!p) return std::nullopt;
    return percentiles{p->opt_number("p50"), p->opt_number("p75"), p->opt_number("p90"), p->opt_number("p99")};
}

endpoint read_endpoint(object_reader& e)
{
    endpoint out;
    out.name = e.opt_string("name").value_or("");
    out.model_id = e.opt_string("model_id");
    out.model_name = e.opt_string("model_name");
    out.provider_name = e.string("provider_name");
    out.tag = e.opt_string("tag").value_or("");
    out.context_length = e.opt_integer("context_length");
    out.max_completion_tokens = e.opt_integer("max_completion_tokens");
    out.max_prompt_tokens = e.opt_integer("max_prompt_tokens");
    if (auto pricing = e.opt_object("pricing")) out.pricing = detail::read_prices(*pricing);
    out.quantization = e.opt_string("quantization");
    out.supported_parameters = e.strings("supported_parameters");
    out.status = e.opt_integer("status");
    out.uptime_last_30m = e.opt_number("uptime_last_30m");
    out.uptime_last_5m = e.opt_number("uptime_last_5m");
    out.uptime_last_1d = e.opt_number("uptime_last_1d");
    out.latency_last_30m = read_percentiles(e, "latency_last_30m");
    out.throughput_last_30m = read_percentiles(e, "throughput_last_30m");
    out.supports_implicit_caching = e.opt_boolean("supports_implicit_caching");
    return out;
}

endpoint_list read_endpoint_list(object_reader& root)
{
    auto data = root.object("data");
    endpoint_list out;
    out.id = data.opt_string("id").value_or("");
    out.name = data.opt_string("name").value_or("");
    out.created = data.opt_integer("created");
    out.description = data.opt_string("description");
    if (auto arch = data.opt_object("architecture")) out.architecture = detail::read_architecture(*arch);
    out.endpoints = data.array("endpoints").map_objects(read_endpoint);
    return out;
}

}  // namespace

parse_result<endpoint_list> parse_endpoint_list(std::string_view body)
{
    return detail::read_document<endpoint_list>(body, read_endpoint_list);
}

}  // namespace ngd::openrouter
