#include "checks/run_model.hpp"

#include "checks/catalog_facts.hpp"
#include "checks/common.hpp"
#include "checks/network.hpp"

#include <algorithm>
#include <cmath>

namespace ngd::checks {

std::optional<std::int64_t> run_model::context() const
{
    if (model->context_length) return model->context_length;
    if (model->top_provider && model->top_provider->context_length) return model->top_provider->context_length;
    return std::nullopt;
}

std::optional<std::int64_t> run_model::max_completion() const
{
    std::optional<std::int64_t> best;
    if (endpoints)
        for (const auto& e : endpoints->endpoints)
            if (e.max_completion_tokens && (!best || *e.max_completion_tokens > *best)) best = e.max_completion_tokens;
    if (!best && model->top_provider) best = model->top_provider->max_completion_tokens;
    return best;
}

bool lists(const openrouter::model& m, std::string_view parameter)
{
    return std::find(m.supported_parameters.begin(), m.supported_parameters.end(), parameter) !=
           m.supported_parameters.end();
}

std::vector<std::string> run_model::endpoints_supporting(std::string_view parameter) const
{
    std::vector<std::string> tags;
    if (!endpoints) return tags;
    for (const auto& e : endpoints->endpoints)
        if (std::find(e.supported_parameters.begin(), e.supported_parameters.end(), parameter) !=
            e.supported_parameters.end())
            tags.push_back(e.tag);
    return tags;
}

bool run_model::supports(std::string_view parameter) const
{
    // OpenRouter routes a request to the endpoints that take its parameters: one is enough.
    if (endpoints && !endpoints->endpoints.empty()) return !endpoints_supporting(parameter).empty();
    return lists(*model, parameter);
}

boost::asio::awaitable<std::optional<finding>> load_run_model(check_context& ctx, run_model& out)
{
    const doctor::target& t = *ctx.tgt;
    if (!t.model.value || t.model.value->empty() || t.model.unresolved)
        co_return doctor::skip("no model id is set");
    const std::string base = base_of(t), key = key_of(t), id = *t.model.value;
    const auto* catalog = co_await ctx.run.fetched->models(base, key);
    if (!catalog->ok()) co_return doctor::skip("the model catalog did not answer (see base_url.reach)");
    out.catalog = &*catalog->value;
    out.catalog_curl = catalog->curl;
    out.model = find_model(*out.catalog, id);
    if (!out.model) co_return doctor::skip("'" + id + "' is not in the catalog (see model.availability)");
    if (targets_openrouter(t) && id.find('/') != std::string::npos) {
        const auto* endpoints = co_await ctx.run.fetched->endpoints(base, id, key);
        if (endpoints->ok()) {
            out.endpoints = &*endpoints->value;
            out.endpoints_curl = endpoints->curl;
        }
    }
    co_return std::nullopt;
}

std::vector<const openrouter::model*> comparable_models(const openrouter::model_list& catalog,
                                                        const openrouter::model& m,
                                                        std::chrono::system_clock::time_point now,
                                                        const std::function<bool(const openrouter::model&)>& keep,
                                                        std::size_t n)
{
    struct scored {
        const openrouter::model* model;
        bool same_author;
        double distance;
    };
    const auto author = [](std::string_view id) { return id.substr(0, id.find('/')); };
    const double price = m.pricing.prompt_usd + m.pricing.completion_usd;
    std::vector<scored> candidates;
    for (const auto& c : catalog.data) {
        if (c.id == m.id || c.pricing.is_variable() || !c.pricing.listed || !keep(c)) continue;
        if (const auto when = expires(c); when && *when <= now) continue;
        const double p = c.pricing.prompt_usd + c.pricing.completion_usd;
        const double distance = price > 0 && p > 0 ? std::fabs(std::log(p / price)) : (p == price ? 0 : 50);
        candidates.push_back({&c, author(c.id) == author(m.id), distance});
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const scored& a, const scored& b) {
        if (a.distance != b.distance) return a.distance < b.distance;
        return a.same_author && !b.same_author;
    });
    std::vector<const openrouter::model*> out;
    for (const auto& c : candidates) {
        if (out.size() == n) break;
        out.push_back(c.model);
    }
    return out;
}

bool is_policy(const doctor::target& t)
{
    return t.name == "policy" || t.name == "policy_model" || t.name.find("judge") == std::string::npos;
}

}  // namespace ngd::checks
