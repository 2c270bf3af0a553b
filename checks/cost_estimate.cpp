// cost.estimate: rows x repeats x (estimated prompt tokens x prompt price + output tokens x
// completion price), in exact decimals from the price strings the API sends. The range runs
// from "every answer empty" to "every answer uses its whole max_output_tokens" (with it
// unset, OpenRouter reserves the model's whole output budget). Compared with --max-cost and
// with the credit left under the key's limit; cheaper models that fit the run are priced too.
#include "checks/catalog_facts.hpp"
#include "checks/common.hpp"
#include "checks/network.hpp"
#include "checks/run_inputs.hpp"
#include "checks/run_model.hpp"
#include "checks/shell_command.hpp"
#include "doctor/decimal.hpp"
#include "doctor/whole_number.hpp"

#include <algorithm>
#include <cstdio>

namespace ngd::checks {
namespace {

using doctor::decimal;
using net::error_class;

struct token_totals {
    std::int64_t prompt = 0;      // estimated prompt tokens, all rollouts
    std::int64_t output_max = 0;  // output tokens if every answer is as long as allowed
    std::int64_t largest_need = 0;  // the largest prompt + output of one request
    bool tools = false;
};

// A judge reads the row's prompt and the policy's answer: its input is counted as both.
token_totals totals_of(const doctor::run_inputs& in, std::optional<std::int64_t> budget, bool judge)
{
    token_totals t;
    for (const auto& r : in.rows) {
        const std::int64_t out = r.max_output_tokens.value_or(budget.value_or(0));
        const std::int64_t prompt = r.prompt_tokens + (judge ? out : 0);
        t.prompt += prompt * r.repeats;
        t.output_max += out * r.repeats;
        t.largest_need = std::max(t.largest_need, prompt + out);
        t.tools = t.tools || r.tools;
    }
    return t;
}

struct price_pair {
    decimal prompt, completion;
};

std::optional<price_pair> prices_of(const openrouter::model& m)
{
    const auto p = decimal::parse(m.pricing.prompt), c = decimal::parse(m.pricing.completion);
    if (!p || !c || p->is_negative() || c->is_negative()) return std::nullopt;
    return price_pair{*p, *c};
}

struct cost_range {
    decimal low, high;
};

cost_range cost_of(const token_totals& t, const price_pair& p)
{
    const decimal prompt = p.prompt * t.prompt;
    return {prompt, prompt + p.completion * t.output_max};
}

std::string range_text(const cost_range& c)
{
    return c.low == c.high ? c.low.usd() : c.low.usd() + " to " + c.high.usd();
}

// A USD amount the API gives as a number, held to the micro-dollar for exact comparison.
decimal from_double(double usd)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.6f", usd);
    return decimal::parse(text).value_or(decimal());
}

}  // namespace

result cost_estimate(check_context& ctx)
{
    run_model rm;
    if (auto s = co_await load_run_model(ctx, rm)) co_return std::move(*s);
    const auto& in = *co_await inputs_of(ctx);
    if (in.rows.empty()) {
        auto f = doctor::skip("no input rows to estimate the run's cost from");
        f.details = {how_to_give_inputs()};
        co_return f;
    }
    const std::string model = rm.model->id;
    const auto prices = prices_of(*rm.model);
    if (!prices) co_return doctor::skip(model + "'s price depends on the model it routes to: no estimate");
    const bool judge = !is_policy(*ctx.tgt);
    const auto totals = totals_of(in, rm.max_completion(), judge);
    const auto cost = cost_of(totals, *prices);

    std::vector<std::string> details;
    details.push_back(thousands(in.rollouts()) + " rollouts: about " + thousands(totals.prompt) + " prompt tokens x " +
                      prices->prompt.usd() + " + up to " + thousands(totals.output_max) + " output tokens x " +
                      prices->completion.usd() + " (USD per token)");
    details.push_back("prompt cost " + cost.low.usd() + " (estimated tokens err high, see the docs page); output at most " +
                      (cost.high - cost.low).usd());
    if (judge) details.push_back("as a judge, it is counted as reading each prompt and the longest answer");
    if (std::any_of(in.rows.begin(), in.rows.end(), [](const auto& r) { return !r.max_output_tokens; }))
        details.push_back("rows without max_output_tokens are counted at the model's whole output budget, which "
                          "OpenRouter reserves against the credit");

    if (cost.high.is_zero()) co_return doctor::ok(model + " is free: the run costs $0.00", details);

    const auto cheaper = [&] {
        std::vector<std::pair<const openrouter::model*, cost_range>> out;
        for (const auto& c : rm.catalog->data) {
            if (c.id == model || c.pricing.is_free() || c.pricing.is_variable() || !c.pricing.listed) continue;
            if (const auto when = expires(c); when && *when <= ctx.run.now()) continue;
            if (c.context_length.value_or(0) < std::max(totals.largest_need, rm.context().value_or(0))) continue;
            if (totals.tools && !lists(c, "tools")) continue;
            const auto p = prices_of(c);
            if (!p) continue;
            const auto other = cost_of(totals, *p);
            if (other.high < cost.high) out.push_back({&c, other});
        }
        // Those at half the cost or less, the nearest first (the closest in kind to the one
        // chosen); a model a cent cheaper is no answer to "this costs too much".
        std::vector<std::pair<const openrouter::model*, cost_range>> halved;
        for (const auto& o : out)
            if (o.second.high * 2 <= cost.high) halved.push_back(o);
        if (!halved.empty()) {
            std::sort(halved.begin(), halved.end(), [](const auto& a, const auto& b) { return b.second.high < a.second.high; });
            out = std::move(halved);
        } else {
            std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second.high < b.second.high; });
        }
        if (out.size() > 3) out.resize(3);
        return out;
    }();
    std::string alternatives;
    for (const auto& [m, c] : cheaper) alternatives += (alternatives.empty() ? "" : "; ") + m->id + " " + range_text(c);
    if (!alternatives.empty()) details.push_back("cheaper with the same window and tool support: " + alternatives);
    doctor::fix fix{alternatives.empty() ? "lower max_output_tokens, num_repeats or limit"
                                         : "lower max_output_tokens, num_repeats or limit, or use a cheaper model: " +
                                               alternatives,
                    {}};

    // The largest max_output_tokens under which the run stays within `budget`, when one exists.
    const auto output_within = [&](const decimal& budget) -> std::optional<std::int64_t> {
        const std::int64_t rollouts = in.rollouts();
        if (rollouts <= 0 || prices->completion.is_zero() || budget < cost.low) return std::nullopt;
        // The ratio in floating point gives a first guess; the exact sum has the last word.
        auto n = doctor::saturating_int64((budget - cost.low).approx() / (prices->completion.approx() * double(rollouts)));
        const auto fits = [&](std::int64_t tokens) {
            return cost.low + prices->completion * tokens * rollouts <= budget;
        };
        while (n > 0 && !fits(n)) --n;
        if (n <= 0) return std::nullopt;
        return n >= 1024 ? n / 1024 * 1024 : n;
    };
    const auto with_output = [&](doctor::fix f, const decimal& budget, const std::string& more) {
        if (const auto n = output_within(budget)) {
            f.text = "max_output_tokens " + thousands(*n) + " keeps it under " + budget.usd() + "; or " + f.text;
            f.commands.push_back(recheck_command(ctx, in, "cost.estimate", "responses_create_params.max_output_tokens",
                                                 std::to_string(*n)) + more);
        }
        return f;
    };

    if (const auto& max = ctx.run.options.max_cost) {
        const auto limit = decimal::parse(*max);
        if (limit && cost.high > *limit)
            co_return doctor::warn("the run may cost " + range_text(cost) + " with " + model + ", over --max-cost " +
                                       limit->usd(),
                                   with_output(fix, *limit, " --max-cost " + shell_word(*max)), details);
        if (limit) details.push_back("within --max-cost " + limit->usd());
    }
    if (targets_openrouter(*ctx.tgt) && sendable_key(*ctx.tgt)) {
        const std::string base = base_of(*ctx.tgt), key = key_of(*ctx.tgt);
        const auto* answer = co_await ctx.run.fetched->key(base, key);
        if (answer->ok()) {
            if (const auto left = answer->value->remaining_under_limit()) {
                const decimal remaining = from_double(*left);
                if (cost.high > remaining) {
                    fix.text = "add credit or raise the key's limit at https://openrouter.ai/settings/keys, or " + fix.text;
                    fix = with_output(fix, remaining, "");
                    fix.commands.push_back(answer->curl);
                    co_return doctor::warn("the run may cost " + range_text(cost) + " with " + model + ", more than the " +
                                               remaining.usd() + " left under the key's limit: it would stop on 402",
                                           fix, details);
                }
                details.push_back(remaining.usd() + " left under the key's limit");
            }
        }
    }
    co_return doctor::ok("the run should cost " + range_text(cost) + " with " + model, details);
}

}  // namespace ngd::checks
