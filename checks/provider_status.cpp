// provider.status: who serves the model right now (its endpoints' status and uptime),
// and what the providers' own status pages say. The key never goes to a status page.
#include "checks/config_edit.hpp"
#include "checks/shell_command.hpp"
#include "checks/catalog_facts.hpp"
#include "checks/common.hpp"
#include "checks/network.hpp"
#include "checks/fix_texts.hpp"
#include "checks/status_outage.hpp"

#include <algorithm>
#include <cstdio>

namespace ngd::checks {
namespace {

using net::error_class;
using openrouter::status_indicator;

constexpr double healthy_uptime = 95.0;       // percent over the last 30 minutes
constexpr std::size_t status_pages_asked = 3; // bounded: the first providers are the ones routed to
constexpr std::size_t suggested = 3;          // replacement models a fix names
constexpr std::size_t candidates_asked = 8;   // bounded: models whose endpoints are asked during an outage

bool degraded(const openrouter::endpoint& e)
{
    if (e.status && *e.status != 0) return true;
    return e.uptime_last_30m && *e.uptime_last_30m < healthy_uptime;
}

std::string endpoint_text(const openrouter::endpoint& e)
{
    std::string text = e.provider_name.empty() ? e.tag : e.provider_name;
    if (e.uptime_last_30m) {
        char pct[32];
        std::snprintf(pct, sizeof pct, " %.1f %%", *e.uptime_last_30m);
        text += pct;
    }
    else
        text += " (uptime unknown)";
    if (e.status && *e.status != 0) text += " (status " + std::to_string(*e.status) + ")";
    return text;
}

std::string provider_slug(const std::string& tag)
{
    return tag.substr(0, tag.find('/'));
}

doctor::fix fallback_fix(const doctor::target& t, const std::vector<const openrouter::model*>& alternatives,
                         const std::string& curl, const std::vector<std::string>& config_paths)
{
    doctor::fix fix{std::string(fix_texts::provider_wait), {curl}};
    if (alternatives.empty()) return fix;
    fix.text += ":";
    for (const auto* a : alternatives) fix.text += " " + a->id;
    fix.edits.push_back(edit_of(t.model, alternatives.front()->id));
    fix.commands.push_back(
        with_words("ng_run", {config_paths_word(config_paths), override_word(t.model.path, alternatives.front()->id)}));
    return fix;
}

std::string list_of(const std::vector<std::string>& items)
{
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out.empty() ? "no component named" : out;
}

// The alternatives with a healthy endpoint of a provider not in `down` (their endpoints asked
// with the target's key, on the target's host).
boost::asio::awaitable<std::vector<const openrouter::model*>> served_elsewhere(
    check_context& ctx, std::vector<const openrouter::model*> alternatives, std::vector<std::string> down)
{
    const std::string base = base_of(*ctx.tgt), key = key_of(*ctx.tgt);
    std::vector<const openrouter::model*> kept;
    for (const auto* a : alternatives) {
        if (kept.size() == suggested) break;
        const std::string id = a->id;
        const auto* answer = co_await ctx.run.fetched->endpoints(base, id, key);
        if (!answer->ok()) continue;
        const auto& list = answer->value->endpoints;
        if (std::any_of(list.begin(), list.end(), [&](const openrouter::endpoint& e) {
                return !degraded(e) && std::find(down.begin(), down.end(), provider_slug(e.tag)) == down.end();
            }))
            kept.push_back(a);
    }
    co_return kept;
}

// Up to `suggested` models like the target's to run instead, served by a provider not in
// `down`; looked for only when a finding needs them (200 healthy targets need none).
boost::asio::awaitable<std::vector<const openrouter::model*>> alternatives_to(check_context& ctx,
                                                                              const std::string& id,
                                                                              std::vector<std::string> down)
{
    const auto* catalog = co_await ctx.run.fetched->models(base_of(*ctx.tgt), key_of(*ctx.tgt));
    if (!catalog->ok()) co_return std::vector<const openrouter::model*>{};
    const auto* m = find_model(*catalog->value, id);
    if (!m) co_return std::vector<const openrouter::model*>{};
    auto candidates = similar_models(*catalog->value, *m, ctx.run.now(), candidates_asked);
    // A replacement is only one if another provider serves it: not the one that is down.
    if (!down.empty()) co_return co_await served_elsewhere(ctx, std::move(candidates), std::move(down));
    if (candidates.size() > suggested) candidates.resize(suggested);
    co_return candidates;
}

}  // namespace

result provider_status(check_context& ctx)
{
    const doctor::target& t = *ctx.tgt;
    if (auto s = skip_unless_openrouter(t, "GET /models/{author}/{slug}/endpoints")) co_return std::move(*s);
    if (!t.model.value || t.model.value->empty() || t.model.value->find('/') == std::string::npos)
        co_return doctor::skip("no provider/model id to look up (see model.id_format)");
    const std::string id = *t.model.value;
    const std::string base = base_of(t), key = key_of(t);
    // With the target's key, to the target's own host: only then are the latency figures filled in.
    const auto* answer = co_await ctx.run.fetched->endpoints(base, id, key);
    if (!answer->ok()) {
        if (answer->error.status == 404 && !answer->error.html)
            co_return doctor::skip("OpenRouter does not know '" + id + "' (see model.availability)");
        co_return unanswered(answer->error, "for the model's providers", answer->curl);
    }
    const auto& endpoints = answer->value->endpoints;

    if (endpoints.empty()) {
        const auto alternatives = co_await alternatives_to(ctx, id, {});
        co_return doctor::fail("no provider serves '" + id + "' right now (no endpoints)", error_class::http_404,
                               fallback_fix(t, alternatives, answer->curl, ctx.run.config.config_paths));
    }

    std::vector<std::string> details;
    std::size_t healthy = 0;
    for (const auto& e : endpoints) {
        details.push_back(endpoint_text(e));
        if (!degraded(e)) ++healthy;
    }

    // The providers' own status pages, from /providers; fetched without the key. A page in
    // trouble is read further (summary.json) for the incident and the API components hit.
    std::vector<std::string> outages, down;
    const auto* providers = co_await ctx.run.fetched->providers(base);
    if (providers->ok()) {
        std::vector<std::string> asked;
        for (const auto& e : endpoints) {
            const std::string slug = provider_slug(e.tag);
            if (asked.size() == status_pages_asked || std::find(asked.begin(), asked.end(), slug) != asked.end()) continue;
            asked.push_back(slug);
            const auto* p = providers->value->find_slug(slug);
            if (!p || !p->status_page_url) continue;
            const std::string page_url = *p->status_page_url;
            const auto* page = co_await ctx.run.fetched->status_page(page_url);
            if (!page->ok()) {
                details.push_back(p->name + " status page: no answer (" + page->error.detail + ")");
                continue;
            }
            const auto& s = page->value->status;
            details.push_back(p->name + " status page: " + s.description + " (" + *p->status_page_url + ")");
            if (s.indicator != status_indicator::major && s.indicator != status_indicator::critical) continue;
            std::string outage = p->name + " reports \"" + s.description + "\" (" +
                                 std::string(openrouter::to_string(s.indicator)) + ")";
            const auto* summary = co_await ctx.run.fetched->status_summary(page_url);
            if (summary->ok()) {
                const auto api = read_api_outage(*summary->value);
                // Only trouble shown elsewhere clears the API; a page naming no component hit is believed.
                if (!api.api_affected && !api.elsewhere.empty()) {
                    details.push_back(p->name + ": the trouble is outside the API (" + list_of(api.elsewhere) +
                                      "); the API components are operational");
                    continue;
                }
                if (api.incident) outage += ": incident \"" + *api.incident + "\"";
                if (!api.components.empty()) outage += ", affecting " + list_of(api.components);
            }
            outages.push_back(outage);
            down.push_back(slug);
        }
    }
    if (healthy == 0 || !outages.empty()) {
        const auto alternatives = co_await alternatives_to(ctx, id, down);
        if (healthy == 0)
            co_return doctor::warn("every provider of '" + id + "' is degraded (status not 0, or under " +
                                   std::to_string(static_cast<int>(healthy_uptime)) + " % uptime in 30 min)",
                                   fallback_fix(t, alternatives, answer->curl, ctx.run.config.config_paths),
                                   details);
        co_return doctor::warn(outages.front(), fallback_fix(t, alternatives, answer->curl, ctx.run.config.config_paths),
                               details);
    }
    co_return doctor::ok(std::to_string(healthy) + " of " + std::to_string(endpoints.size()) + " provider" +
                             (endpoints.size() > 1 ? "s" : "") + " of '" + id + "' healthy",
                         details);
}

}  // namespace ngd::checks
