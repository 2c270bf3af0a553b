// model.availability: the model is in the catalog, not past its expiration date, usable
// by this key (/models/user applies privacy and guardrail settings), and so are the
// fallback models and provider slugs of the target's extra_body.
#include "checks/config_edit.hpp"
#include "checks/shell_command.hpp"
#include "checks/catalog_facts.hpp"
#include "checks/common.hpp"
#include "checks/network.hpp"
#include "checks/retired_model.hpp"
#include "checks/time_text.hpp"

#include <algorithm>

namespace ngd::checks {
namespace {

using net::error_class;

constexpr auto soon = std::chrono::hours(24 * 30);

std::string list_text(const std::vector<std::string>& items)
{
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

doctor::fix choose_model(const doctor::target& t, const std::vector<std::string>& ids, const std::string& curl,
                         const std::vector<std::string>& config_paths)
{
    std::string text = "set " + place(t.model) + " to a current id from " +
                       (targets_openrouter(t) ? "https://openrouter.ai/models" : "the server's /models list");
    if (!ids.empty()) text += ", e.g. " + ids.front();
    doctor::fix fix{text, {curl}};
    if (!ids.empty()) fix.edits.push_back(edit_of(t.model, ids.front()));
    if (!ids.empty())
        fix.commands.push_back(with_words("ng_run", {config_paths_word(config_paths), override_word(t.model.path, ids.front())}));
    return fix;
}

finding missing(const doctor::target& t, const openrouter::model_list& catalog, const std::string& id,
                const std::string& curl, const std::vector<std::string>& config_paths)
{
    const auto near = near_ids(catalog, id);
    std::string summary = "'" + id + "' is not in the model catalog (" + std::to_string(catalog.data.size()) +
                          " models)";
    if (!near.empty()) summary += "; did you mean " + list_text(near) + "?";
    return doctor::fail(summary, error_class::http_404, choose_model(t, near, curl, config_paths));
}

std::vector<std::string> strings_at(const config::node* n)
{
    std::vector<std::string> out;
    if (!n) return out;
    if (n->is_string()) out.push_back(n->as_string());
    if (n->is_list())
        for (const auto& item : n->items())
            if (item.is_string()) out.push_back(item.as_string());
    return out;
}

// A provider slug matches an endpoint tag exactly, or the tag's provider part ("deepinfra" ~ "deepinfra/turbo").
bool slug_matches(const std::vector<std::string>& tags, const std::string& slug)
{
    return std::any_of(tags.begin(), tags.end(), [&](const std::string& tag) {
        return tag == slug || tag.substr(0, tag.find('/')) == slug;
    });
}

}  // namespace

result model_availability(check_context& ctx)
{
    const doctor::target& t = *ctx.tgt;
    if (!t.model.value || t.model.value->empty() || t.model.unresolved)
        co_return doctor::skip("no model id is set (see model.id_format)");
    const std::string id = *t.model.value;
    const std::string base = base_of(t);
    const std::string key = key_of(t);
    const auto* catalog_answer = co_await ctx.run.fetched->models(base, key);
    if (!catalog_answer->ok())
        co_return unanswered(catalog_answer->error, "for the model catalog (GET " + catalog_answer->url + ")",
                             catalog_answer->curl);
    const auto& catalog = *catalog_answer->value;

    if (!targets_openrouter(t)) {
        if (catalog.find(id)) co_return doctor::ok("'" + id + "' is served by " + host_of(base));
        co_return missing(t, catalog, id, catalog_answer->curl, ctx.run.config.config_paths);
    }

    const openrouter::model* m = find_model(catalog, id);
    std::optional<openrouter::model> resolved;  // an alias such as ~anthropic/claude-sonnet-latest
    if (!m && id.find('/') != std::string::npos) {
        const auto* single = co_await ctx.run.fetched->model(base, id);
        if (single->ok()) m = &resolved.emplace(*single->value);
    }
    if (!m) {
        // OpenRouter says why a model left the catalog only in answer to inference (404 with
        // availability model_deprecated / free_variant_ended): with --live, the probe's shared answer.
        if (ctx.run.options.live) {
            const auto api = api_of(t);
            const auto* probe = co_await ctx.run.fetched->probe(base, key, id, api);
            if (!probe->ok())
                if (const auto r = retired_from(probe->error, id))
                    co_return retired_verdict(t, *r, probe->curl, ctx.run.config.config_paths);
        }
        co_return missing(t, catalog, id, catalog_answer->curl, ctx.run.config.config_paths);
    }

    const auto now = ctx.run.now();
    std::vector<std::string> details{model_facts(*m)};
    if (m->id != id) details.push_back("listed as " + m->id);
    if (const auto when = expires(*m)) {
        const auto alternatives = similar_models(catalog, *m, now);
        std::vector<std::string> ids;
        for (const auto* a : alternatives) ids.push_back(a->id);
        if (*when <= now)
            co_return doctor::fail("'" + id + "' passed its expiration date " + *m->expiration_date +
                                       ": OpenRouter may stop serving it at any time",
                                   error_class::http_404, choose_model(t, ids, catalog_answer->curl, ctx.run.config.config_paths), details);
        if (*when - now < soon)
            co_return doctor::warn("'" + id + "' expires on " + *m->expiration_date + " (in " +
                                       duration_text(*when - now) + ")",
                                   choose_model(t, ids, catalog_answer->curl, ctx.run.config.config_paths), details);
    }

    // Every model of an OpenRouter fallback list must exist too.
    const config::node* extra = t.server ? t.server->find("extra_body") : nullptr;
    std::vector<std::string> unknown_fallbacks, expired_fallbacks;
    for (const auto& fallback : strings_at(extra ? extra->find("models") : nullptr)) {
        const auto* f = find_model(catalog, fallback);
        if (!f) unknown_fallbacks.push_back(fallback);
        else if (const auto when = expires(*f); when && *when <= now) expired_fallbacks.push_back(fallback);
    }
    if (!unknown_fallbacks.empty())
        co_return doctor::fail("fallback model" + std::string(unknown_fallbacks.size() > 1 ? "s " : " ") +
                                   list_text(unknown_fallbacks) + " in extra_body.models " +
                                   (unknown_fallbacks.size() > 1 ? "are" : "is") + " not in the catalog",
                               error_class::http_404,
                               {"fix the ids in " + t.name + "'s extra_body.models (see https://openrouter.ai/models)",
                                {catalog_answer->curl}},
                               details);

    if (!expired_fallbacks.empty())
        co_return doctor::warn("fallback model" + std::string(expired_fallbacks.size() > 1 ? "s " : " ") +
                                   list_text(expired_fallbacks) + " in extra_body.models passed the expiration date",
                               {"replace them in " + t.name + "'s extra_body.models", {catalog_answer->curl}},
                               details);

    // Provider slugs of extra_body.provider must name endpoints that serve this model.
    const config::node* provider = extra ? extra->find("provider") : nullptr;
    if (provider && provider->is_map()) {
        const std::string served_id = m->id;
        const auto* endpoints = co_await ctx.run.fetched->endpoints(base, served_id, key);
        if (!endpoints->ok()) details.push_back("provider slugs not checked: " + endpoints->error.detail);
        if (endpoints->ok()) {
            std::vector<std::string> tags;
            for (const auto& e : endpoints->value->endpoints) tags.push_back(e.tag);
            for (const std::string_view field : {"only", "order", "ignore"}) {
                std::vector<std::string> stray;
                for (const auto& slug : strings_at(provider->find(field)))
                    if (!slug_matches(tags, slug)) stray.push_back(slug);
                if (stray.empty()) continue;
                const std::string summary = "extra_body.provider." + std::string(field) + " names " + list_text(stray) +
                                            ", which serve" + (stray.size() > 1 ? "" : "s") + " no endpoint of " +
                                            m->id + " (endpoints: " + list_text(tags) + ")";
                const doctor::fix fix{"use provider slugs from the model's endpoints", {endpoints->curl}};
                // `only` with no match leaves nothing to route to (404); order/ignore are merely ignored.
                if (field == "only") co_return doctor::fail(summary, error_class::http_404, fix, details);
                co_return doctor::warn(summary, fix, details);
            }
        }
    }

    // /models/user hides what the account's privacy or guardrail settings exclude.
    if (sendable_key(t)) {
        const auto* mine = co_await ctx.run.fetched->user_models(base, key);
        if (!mine->ok()) details.push_back("not checked against /models/user: " + mine->error.detail);
        if (mine->ok() && !find_model(*mine->value, m->id))
            co_return doctor::warn("'" + id + "' is in the catalog but not in /models/user for this key: the "
                                   "account's privacy or guardrail settings filter it out",
                                   {"allow it at https://openrouter.ai/settings/privacy (data policy) or in the "
                                    "key's guardrail, or choose another model",
                                    {mine->curl}},
                                   details);
    }
    co_return doctor::ok("'" + id + "' is available: " + model_facts(*m), details);
}

}  // namespace ngd::checks
