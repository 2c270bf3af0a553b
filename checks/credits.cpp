// credits: from /key — what is left under the key's spending limit, and whether a
// free-tier account is about to call a paid model. /credits (the account balance) answers
// only management keys, so it is asked only with OPENROUTER_MANAGEMENT_KEY, and its 403
// is never a failure. With --live the probe's own answer (shared with inference.probe)
// is the strongest evidence: a 402 there fails this check too. A key without a limit and
// an unknown balance prove nothing, so that case is never passed.
#include "checks/shell_command.hpp"
#include "checks/catalog_facts.hpp"
#include "checks/common.hpp"
#include "checks/network.hpp"
#include "checks/fix_texts.hpp"

#include <cmath>

namespace ngd::checks {
namespace {

using net::error_class;

constexpr double low_fraction = 0.10;  // warn under 10 % of the limit

using fix_texts::add_credits;

/// /credits answers only the management key: its command sends that one.
std::string with_management_key(std::string curl)
{
    const std::string inference = "$OPENROUTER_API_KEY", management = "$OPENROUTER_MANAGEMENT_KEY";
    for (auto at = curl.find(inference); at != std::string::npos; at = curl.find(inference, at + management.size()))
        curl.replace(at, inference.size(), management);
    return curl;
}


// Neither a key limit nor the balance nor a served probe: say what is known and what is not.
finding not_verified(const openrouter::key_info& k, const std::string& curl, std::vector<std::string> details)
{
    finding f;
    f.state = doctor::status::skip;
    f.summary = "credit not verified: the key has no spending limit, and the account balance is unknown";
    details.push_back("known: no spending limit on the key; " + usd(k.usage) + " spent with it so far");
    details.push_back("not known: the account balance (GET /credits answers only a management key), so "
                      "requests may still get 402");
    f.details = std::move(details);
    f.remedy = {"set OPENROUTER_MANAGEMENT_KEY to a management key to see the balance, or run with --live to "
                "send one request",
                {curl}};
    return f;
}

}  // namespace

result credits(check_context& ctx)
{
    const doctor::target& t = *ctx.tgt;
    if (auto s = skip_unless_openrouter(t, "GET /key")) co_return std::move(*s);
    const std::string base = base_of(t), key = key_of(t);
    const auto* answer = co_await ctx.run.fetched->key(base, key);
    if (!answer->ok()) co_return unanswered(answer->error, "OpenRouter about the key", answer->curl);
    const auto& k = *answer->value;
    const auto min_credits = ctx.run.options.min_credits;
    std::vector<std::string> details;

    // The account balance, when a management key is at hand; a 403 only means it is not one.
    std::optional<double> balance;
    if (const auto& management = ctx.run.options.management_key) {
        const auto* account = co_await ctx.run.fetched->credits(base, *management);
        if (account->ok()) {
            balance = account->value->total_credits - account->value->total_usage;
            details.push_back("account balance " + usd(*balance) + " (" + usd(account->value->total_credits) +
                              " bought, " + usd(account->value->total_usage) + " used)");
            if (*balance <= 0)
                co_return doctor::fail("the account's balance is " + usd(*balance) +
                                           ": every request, free models included, gets 402",
                                       error_class::http_402, add_credits(with_management_key(account->curl)), details);
        } else if (account->error.status == 403) {
            details.push_back("OPENROUTER_MANAGEMENT_KEY is not a management key (/credits answered 403); "
                              "account balance not checked");
        } else {
            details.push_back("account balance not checked: " + account->error.detail);
        }
    }

    // --live: the very answer inference.probe judges, so the two never disagree.
    const doctor::answers::probe_answer* probe = nullptr;
    if (ctx.run.options.live && t.model.value && !t.model.value->empty()) {
        const std::string model = *t.model.value;
        const auto api = api_of(t);
        probe = co_await ctx.run.fetched->probe(base, key, model, api);
    }
    if (probe && !probe->ok() && probe->error.status == 402)
        co_return doctor::fail("the live probe got 402: not enough credits" +
                                   (probe->error.server_message.empty() ? std::string()
                                                                        : ": " + quoted(probe->error.server_message)),
                               error_class::http_402, add_credits(probe->curl), details);
    const bool probe_served = probe && probe->ok() && !probe->value->error;
    // Free models cost nothing, so a used-up key limit does not stop them; only a negative
    // account balance does (api_reference/limits.mdx, "Credit limits").
    const bool free_model = t.model.value && is_free_model_id(*t.model.value);

    std::optional<double> remaining = k.remaining_under_limit();
    if (!remaining && k.limit) remaining = *k.limit - k.usage;
    if (remaining && k.limit) {
        const std::string reset = k.limit_reset ? " (resets " + *k.limit_reset + ")" : " (never resets)";
        if (*remaining <= 0 && (free_model || probe_served))
            co_return doctor::warn("the key's limit is used up: " + usd(*remaining) + " left of " + usd(*k.limit) +
                                       reset + "; " +
                                       (free_model ? "the free model " + *t.model.value +
                                                         " costs nothing and still runs, but any paid request gets 402"
                                                   : std::string("the live probe was served, but paid requests "
                                                                 "will get 402 once it is enforced")),
                                   add_credits(answer->curl), details);
        if (*remaining <= 0)
            co_return doctor::fail("the key's limit is used up: " + usd(*remaining) + " left of " + usd(*k.limit) +
                                       reset + "; requests will get 402",
                                   error_class::http_402, add_credits(answer->curl), details);
        if (*remaining < *k.limit * low_fraction)
            co_return doctor::warn("only " + usd(*remaining) + " left of the key's " + usd(*k.limit) + " limit" +
                                       reset,
                                   add_credits(answer->curl), details);
        if (min_credits && *remaining < *min_credits)
            co_return doctor::warn(usd(*remaining) + " left under the key's limit, less than --min-credits " +
                                       usd(*min_credits),
                                   add_credits(answer->curl), details);
    }
    if (balance && min_credits && *balance < *min_credits)
        co_return doctor::warn("the account's balance " + usd(*balance) + " is less than --min-credits " +
                                   usd(*min_credits),
                               add_credits(answer->curl), details);

    if (k.is_free_tier && t.model.value) {
        const auto* catalog = co_await ctx.run.fetched->models(base, key);
        const openrouter::model* m = catalog->ok() ? find_model(*catalog->value, *t.model.value) : nullptr;
        if (m && !m->pricing.is_free() && !m->pricing.is_variable())
            co_return doctor::warn("a free-tier account (no credits bought) with the paid model " + m->id +
                                       ": requests will get 402 until credits are added",
                                   {"add credits at https://openrouter.ai/settings/credits, or use a :free model",
                                    {answer->curl}},
                                   details);
    }

    if (remaining && k.limit)
        co_return doctor::ok(usd(*remaining) + " left of the key's " + usd(*k.limit) + " limit", details);
    if (balance) co_return doctor::ok("no spending limit on the key; account balance " + usd(*balance), details);
    if (min_credits)
        details.push_back("--min-credits needs a key limit or OPENROUTER_MANAGEMENT_KEY to compare against");
    if (probe_served) {
        const auto& usage = probe->value->usage;
        details.push_back("not known: the account balance (GET /credits answers only a management key)");
        co_return doctor::ok("the live probe was served" +
                                 (usage && usage->cost ? " and charged " + usd(*usage->cost) : std::string()) +
                                 "; no spending limit on the key",
                             details);
    }
    co_return not_verified(k, answer->curl, std::move(details));
}

}  // namespace ngd::checks
