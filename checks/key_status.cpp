// key.status: asks OpenRouter about the key (GET /key, or /auth/key on older
// deployments). Only a 401 or the key's own data says the key is bad; a 429, a 5xx or
// a timeout says nothing about it.
#include "checks/config_edit.hpp"
#include "checks/common.hpp"
#include "checks/network.hpp"
#include "checks/time_text.hpp"

namespace ngd::checks {
namespace {

using net::error_class;

std::string limit_text(const openrouter::key_info& k)
{
    if (!k.limit) return "no spending limit";
    std::string text = "limit " + usd(*k.limit);
    if (k.limit_reset) text += " " + *k.limit_reset;
    return text;
}

}  // namespace

result key_status(check_context& ctx)
{
    const doctor::target& t = *ctx.tgt;
    if (auto s = skip_unless_openrouter(t, "GET /key")) co_return std::move(*s);
    const std::string base = base_of(t), key = key_of(t);
    const auto* answer = co_await ctx.run.fetched->key(base, key);
    if (!answer->ok()) {
        const auto& e = answer->error;
        if (e.cls == error_class::http_401)
            co_return doctor::fail("OpenRouter rejected the key: " +
                                       quoted(e.server_message.empty() ? "no message" : e.server_message) +
                                       " (401)",
                                   error_class::http_401, new_key_fix(t, answer->curl),
                                   {"a wrong, revoked, deleted or expired key all answer 401; check it at "
                                    "https://openrouter.ai/keys"});
        if (e.status == 403)
            co_return doctor::fail("OpenRouter refused GET /key (403)" +
                                       (e.server_message.empty() ? std::string() : ": " + quoted(e.server_message)),
                                   error_class::http_403, new_key_fix(t, answer->curl), {e.detail});
        if (e.status == 404)
            co_return doctor::fail("neither /key nor /auth/key exists under " + base_of(t) +
                                       ": the base URL is not OpenRouter's API",
                                   error_class::http_404,
                                   with_edit({"set " + place(t.base_url) + " to " + openrouter_base_for(t), {answer->curl}},
                                             edit_of(t.base_url, openrouter_base_for(t))),
                                   {e.detail});
        co_return unanswered(e, "OpenRouter about the key (GET " + e.url + ")", answer->curl);
    }
    const auto& k = *answer->value;
    const auto now = ctx.run.now();
    if (k.is_management_key)
        co_return doctor::fail("this is a management key: it manages keys and credits but cannot run inference",
                               error_class::config,
                               {"create an ordinary API key at https://openrouter.ai/keys and put it in " +
                                    place(t.api_key),
                                {answer->curl}});
    if (k.expires_at) {
        if (const auto when = parse_iso8601(*k.expires_at)) {
            if (*when <= now)
                co_return doctor::fail("the key expired on " + *k.expires_at, error_class::config,
                                       new_key_fix(t, answer->curl));
            if (*when - now < std::chrono::hours(24 * 7))
                co_return doctor::warn("the key expires in " + duration_text(*when - now) + " (" + *k.expires_at + ")",
                                       new_key_fix(t, answer->curl));
        }
    }
    std::vector<std::string> details{"label " + k.label, limit_text(k) + ", used " + usd(k.usage) + " in all"};
    if (k.is_free_tier) details.push_back("free tier: no credits bought yet");
    if (k.expires_at) details.push_back("expires " + *k.expires_at);
    co_return doctor::ok("OpenRouter accepts the key (" + k.label + ", " + limit_text(k) + ", used " + usd(k.usage) + ")",
                         details);
}

}  // namespace ngd::checks
