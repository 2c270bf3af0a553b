// The one check table: report order, ids, groups, what each needs and waits for.
// Adding a check is one file in checks/, one row here, one test, one docs page.
#include "checks/checks.hpp"

#include <array>

namespace ngd::doctor {
namespace {

using checks::result;
constexpr auto per_target = check_scope::per_target;
constexpr auto whole = check_scope::whole_config;

const std::array<check_info, 20>& table()
{
    static const std::array<check_info, 20> rows{{
        {"config.env_file", "config", "env.yaml found, well-formed and private", false, false, whole, {},
         checks::config_env_file},
        {"config.resolve", "config", "the config resolves as NeMo Gym resolves it", false, false, whole, {},
         checks::config_resolve},
        {"config.adapter", "config", "model servers use an adapter that exists, with its keys", false, false,
         whole, {}, checks::config_adapter},
        {"config.secrets", "config", "no secret where NeMo Gym would print or store it", false, false, whole,
         {}, checks::config_secrets},
        {"key.format", "key", "the API key is well-formed", false, false, per_target, {}, checks::key_format},
        {"base_url.format", "base_url", "the base URL is well-formed", false, false, per_target, {},
         checks::base_url_format},
        {"model.id_format", "model", "the model id is provider/model-name", false, false, per_target, {},
         checks::model_id_format},
        {"base_url.reach", "base_url", "the base URL answers GET /models with JSON", true, false, per_target,
         {"base_url.format"}, checks::base_url_reach, checks::prefetch_catalog},
        {"key.status", "key", "OpenRouter accepts the key", true, false, per_target,
         {"key.format", "base_url.reach"}, checks::key_status, checks::prefetch_key},
        {"model.availability", "model", "the model is in the catalog and usable", true, false, per_target,
         {"base_url.reach"}, checks::model_availability, checks::prefetch_model},
        {"provider.status", "provider", "a provider serves the model and is up", true, false, per_target,
         {"base_url.reach"}, checks::provider_status, checks::prefetch_providers},
        {"credits", "credits", "credit is left under the key's limit", true, false, per_target,
         {"key.status"}, checks::credits},
        {"rate_limits", "rate_limits", "free-model quota and concurrency fit the limits", true, false,
         per_target, {"key.status"}, checks::rate_limits},
        {"inference.probe", "inference", "one tiny completion succeeds (--live, costs money)", true, true,
         per_target, {"key.format", "base_url.reach", "model.availability"}, checks::inference_probe},
        {"run.inputs", "run", "the collection's input rows are ones NeMo Gym can send", false, false, whole, {},
         checks::run_inputs, checks::prefetch_inputs},
        {"local.ports", "local", "the head server's and the servers' ports are free here", false, false, whole,
         {}, checks::local_ports},
        {"model.context", "model", "every row and its output fit the model's context window", true, false,
         per_target, {"base_url.reach"}, checks::model_context, checks::prefetch_inputs},
        {"model.tools", "model", "the model takes the tools and output formats the rows send", true, false,
         per_target, {"base_url.reach"}, checks::model_tools, checks::prefetch_inputs},
        {"cost.estimate", "credits", "the run's estimated cost fits --max-cost and the credit left", true, false,
         per_target, {"base_url.reach"}, checks::cost_estimate, checks::prefetch_inputs},
        {"provider.latency", "provider", "the providers answer fast enough for the run to end", true, false,
         per_target, {"base_url.reach"}, checks::provider_latency, checks::prefetch_inputs},
    }};
    return rows;
}

}  // namespace

std::span<const check_info> check_table()
{
    return table();
}

const check_info* find_check(std::string_view id)
{
    for (const auto& row : table())
        if (row.id == id) return &row;
    return nullptr;
}

std::string docs_path(std::string_view id)
{
    return "docs/checks/" + std::string(id) + ".md";
}

}  // namespace ngd::doctor
