// provider.latency: the endpoints' last-30-minute time to first token and throughput (the
// throughput only reaches authenticated callers) give the time of one answer, and of the
// whole run at its concurrency. NeMo Gym sets no request timeout (its aiohttp session uses
// ClientTimeout()), so a slow or stalled provider does not fail the run: it hangs it. The
// fix names the fastest endpoints for extra_body.provider.order.
#include "checks/common.hpp"
#include "checks/network.hpp"
#include "checks/run_inputs.hpp"
#include "checks/run_model.hpp"
#include "checks/shell_command.hpp"
#include "checks/time_text.hpp"
#include "doctor/whole_number.hpp"

#include <algorithm>
#include <cmath>

namespace ngd::checks {
namespace {

using namespace std::chrono_literals;

// Beyond these a user planning a run would not expect to wait (one answer; the whole run).
constexpr auto slow_answer = 10min;
constexpr auto slow_run = 24h;

struct speed {
    std::string tag;
    double first_token_s = 0;     // latency_last_30m.p50, milliseconds in the API
    double tokens_per_s = 0;      // throughput_last_30m.p50
    std::chrono::seconds answer{0};
};

std::chrono::seconds answer_time(const speed& s, std::int64_t tokens)
{
    // A century at most: a throughput near zero from a server must not overflow the clock.
    const double seconds = std::min(std::ceil(s.first_token_s + double(tokens) / s.tokens_per_s), 3.2e9);
    return std::chrono::seconds(doctor::saturating_int64(seconds));
}

std::string rate_text(const speed& s)
{
    return s.tag + " (" + std::to_string(static_cast<int>(std::lround(s.tokens_per_s))) + " tokens/s, first token " +
           std::to_string(static_cast<int>(std::lround(s.first_token_s * 1000))) + " ms)";
}

}  // namespace

result provider_latency(check_context& ctx)
{
    const doctor::target& t = *ctx.tgt;
    if (auto s = skip_unless_openrouter(t, "GET /models/{author}/{slug}/endpoints")) co_return std::move(*s);
    if (!sendable_key(t)) co_return doctor::skip("no key to send: OpenRouter shows throughput to authenticated callers only");
    run_model rm;
    if (auto s = co_await load_run_model(ctx, rm)) co_return std::move(*s);
    if (!rm.endpoints) co_return doctor::skip("the endpoints did not answer (see provider.status)");
    const auto& in = *co_await inputs_of(ctx);

    std::vector<speed> speeds;
    for (const auto& e : rm.endpoints->endpoints) {
        if (!e.throughput_last_30m || !e.throughput_last_30m->p50 || *e.throughput_last_30m->p50 <= 0) continue;
        speed s{e.tag, 0, *e.throughput_last_30m->p50};
        if (e.latency_last_30m && e.latency_last_30m->p50) s.first_token_s = *e.latency_last_30m->p50 / 1000.0;
        speeds.push_back(s);
    }
    if (speeds.empty())
        co_return doctor::skip("no endpoint of " + rm.model->id + " has throughput figures for the last 30 minutes");

    // The answer length the run allows: the largest max_output_tokens, else the output budget.
    std::optional<std::int64_t> tokens = in.max_output_tokens.value;
    for (const auto& r : in.rows)
        if (r.max_output_tokens && (!tokens || *r.max_output_tokens > *tokens)) tokens = r.max_output_tokens;
    const bool from_rows = tokens.has_value() || !in.rows.empty();
    // With max_output_tokens set, answers of that length are what the user planned for; unset,
    // the budget is only an upper bound (most answers stop far sooner): shown, not warned on.
    const bool length_planned = tokens.has_value();
    // No answer is longer than the endpoints write (a larger request fails in model.context).
    if (const auto most = rm.max_completion(); most && (!tokens || *tokens > *most)) tokens = most;
    if (!from_rows || !tokens) {
        auto f = doctor::skip("no input rows or max_output_tokens to time the run with");
        f.details = {how_to_give_inputs()};
        for (const auto& s : speeds) f.details.push_back(rate_text(s));
        co_return f;
    }
    for (auto& s : speeds) s.answer = answer_time(s, *tokens);
    std::sort(speeds.begin(), speeds.end(), [](const speed& a, const speed& b) { return a.answer < b.answer; });
    const speed& slowest = speeds.back();

    std::vector<std::string> details;
    for (const auto& s : speeds) details.push_back(rate_text(s) + ": " + duration_text(s.answer) + " for " +
                                                   thousands(*tokens) + " output tokens");
    details.push_back("NeMo Gym sets no request timeout: a stalled provider hangs the run instead of failing it");

    std::vector<std::string> order;
    for (const auto& s : speeds)
        if (order.size() < 3 && s.answer < slowest.answer) order.push_back(s.tag);
    std::string order_text, order_list;
    for (const auto& tag : order) {
        order_text += (order_text.empty() ? "" : ", ") + tag;
        order_list += (order_list.empty() ? "" : ",") + tag;
    }
    // The answer length the slowest endpoint writes within slow_answer: a concrete value to use.
    const double seconds_left = std::chrono::duration<double>(slow_answer).count() - slowest.first_token_s;
    const auto within = doctor::saturating_int64(std::max(0.0, seconds_left) * slowest.tokens_per_s);
    const std::int64_t shorter = within >= 1024 ? within / 1024 * 1024 : within;
    const std::string lower = "lower max_output_tokens (" + thousands(shorter) + " is written in about " +
                              duration_text(std::chrono::duration_cast<std::chrono::seconds>(slow_answer)) + " on " +
                              slowest.tag + ")";
    doctor::fix fix{order.empty() ? lower + ", or raise num_samples_in_parallel if the provider allows it"
                                  : "prefer the faster endpoints with extra_body.provider.order: [" + order_text +
                                        "], or " + lower,
                    {}};
    if (!order.empty() && t.server)
        fix.commands.push_back(with_words(
            "ng_run", {config_paths_word(ctx.run.config.config_paths),
                       override_word(t.name + ".responses_api_models." + t.adapter + ".extra_body.provider.order",
                                     "[" + order_list + "]")}));
    fix.commands.push_back(recheck_command(ctx, in, "provider.latency", "responses_create_params.max_output_tokens",
                                           std::to_string(shorter)));

    // The whole run: every rollout's answer, spread over the requests in flight.
    const std::int64_t rollouts = in.rollouts();
    if (rollouts > 0) {
        const std::int64_t parallel = std::clamp<std::int64_t>(in.num_samples_in_parallel.value.value_or(rollouts), 1,
                                                               std::max<std::int64_t>(rollouts, 1));
        const auto run = std::chrono::seconds(slowest.answer.count() * ((rollouts + parallel - 1) / parallel));
        details.push_back(thousands(rollouts) + " rollouts, " + thousands(parallel) + " at a time: up to " +
                          duration_text(run) + " on the slowest endpoint");
        if (length_planned && run > slow_run)
            co_return doctor::warn("the run may take " + duration_text(run) + " on " + slowest.tag + " (" +
                                       thousands(rollouts) + " rollouts, " + thousands(parallel) + " at a time)",
                                   fix, details);
    }
    if (!length_planned)
        details.push_back("max_output_tokens unset: these times are for answers of the whole output budget; "
                          "set max_output_tokens to bound them");
    if (length_planned && slowest.answer > slow_answer)
        co_return doctor::warn("one answer of " + thousands(*tokens) + " tokens may take " +
                                   duration_text(slowest.answer) + " on " + slowest.tag + ", with no timeout to end it",
                               fix, details);
    co_return doctor::ok("the slowest endpoint (" + slowest.tag + ") writes " + thousands(*tokens) + " tokens in " +
                             duration_text(slowest.answer),
                         details);
}

}  // namespace ngd::checks
