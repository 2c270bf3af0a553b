// rate_limits: `:free` models have a daily quota per account and 20 requests a minute;
// a rollout run with more requests in flight than that is throttled. Paid variants have
// no platform-level request cap, but NeMo Gym retries every 429 and 5xx forever, so a paid
// run with no bound on the requests in flight turns a provider's limit into a retry storm.
// The `openrouter/free` router follows the `:free` rules.
#include "checks/shell_command.hpp"
#include "checks/common.hpp"
#include "checks/network.hpp"
#include "checks/run_inputs.hpp"
#include "checks/time_text.hpp"

#include <algorithm>
#include <array>

namespace ngd::checks {
namespace {

using net::error_class;

constexpr int free_requests_per_minute = 20;   // FREE_MODEL_RATE_LIMIT_RPM
// What the fix proposes: 20 a minute at about 15 s per request (20 x 15 / 60), well under the limit.
constexpr int safe_concurrency = 5;
constexpr double low_fraction = 0.10;

constexpr std::array<std::string_view, 4> concurrency_keys{
    "num_samples_in_parallel", "max_concurrent_requests", "num_concurrent_requests", "concurrency"};

struct concurrency_setting {
    std::int64_t value = 0;
    std::string path;
    std::string where;
};

void find_concurrency(const config::node& n, const std::string& path, std::optional<concurrency_setting>& best)
{
    if (!n.is_map()) return;
    for (const auto& [key, child] : n.entries()) {
        const std::string here = path.empty() ? key : path + "." + key;
        if (child.type() == config::node::kind::integer &&
            std::find(concurrency_keys.begin(), concurrency_keys.end(), key) != concurrency_keys.end() &&
            (!best || child.as_int() > best->value))
            best = concurrency_setting{child.as_int(), here, child.where().text()};
        find_concurrency(child, here, best);
    }
}

std::chrono::system_clock::time_point next_utc_midnight(std::chrono::system_clock::time_point now)
{
    const auto days = std::chrono::floor<std::chrono::days>(now);
    return days + std::chrono::days(1);
}

// ---- paid models: the requests in flight -------------------------------------------

// A bound that typical per-account provider limits absorb; raise it while the model server's
// log shows no `[model_retry ... kind=rate_limit` lines.
constexpr std::int64_t suggested_parallel = 32;
constexpr std::int64_t inference_provider_default = 1000;  // num_concurrent_requests (spec §3.6)

/// The adapter's own cap on requests in flight: inference_provider's num_concurrent_requests
/// (default 1000), openai_model's max_concurrent_requests (default none).
std::optional<std::int64_t> adapter_cap(const doctor::target& t, std::string& where)
{
    const char* key = t.adapter == "inference_provider" ? "num_concurrent_requests"
                      : t.adapter == "openai_model"     ? "max_concurrent_requests"
                                                        : nullptr;
    if (!key || !t.server) return std::nullopt;
    if (const auto* n = t.server->find(key); n && n->type() == config::node::kind::integer) {
        where = t.name + "." + key + " = " + std::to_string(n->as_int());
        return n->as_int();
    }
    if (t.adapter == "inference_provider") {
        where = "inference_provider's default num_concurrent_requests = 1000";
        return inference_provider_default;
    }
    return std::nullopt;
}

boost::asio::awaitable<finding> paid_concurrency(check_context& ctx, const std::string& model)
{
    const doctor::target& t = *ctx.tgt;
    const auto& in = *co_await inputs_of(ctx);
    const std::string no_cap = "'" + model + "' is paid: OpenRouter puts no request cap on paid models";
    if (!in.collection_args())
        co_return doctor::ok(no_cap, {"requests in flight not checked: " + how_to_give_inputs()});
    std::string cap_where;
    const auto cap = adapter_cap(t, cap_where);
    std::optional<std::int64_t> bound = in.num_samples_in_parallel.value;
    if (cap && (!bound || *cap < *bound)) bound = cap;
    const std::int64_t rollouts = in.rollouts();
    std::vector<std::string> details{thousands(rollouts) + " rollouts"};
    if (!cap_where.empty()) details.push_back(cap_where);
    if (!bound || (*bound >= inference_provider_default && rollouts > suggested_parallel)) {
        const std::string how = !in.num_samples_in_parallel.value
                                    ? "num_samples_in_parallel is unset (every rollout at once)" +
                                          (cap ? ", capped only by " + cap_where : std::string())
                                    : "num_samples_in_parallel = " + std::to_string(*in.num_samples_in_parallel.value);
        co_return doctor::warn(
            how + ": NeMo Gym retries every 429 and 5xx forever, 0.5 s apart, so a provider's rate limit "
                  "stalls the run in retries",
            {"bound the requests in flight: +num_samples_in_parallel=" + std::to_string(suggested_parallel) +
                 " (raise it while the log shows no model_retry ... kind=rate_limit lines)",
             {recheck_command(ctx, in, "rate_limits", "num_samples_in_parallel", std::to_string(suggested_parallel))}},
            details);
    }
    co_return doctor::ok(no_cap + "; at most " + thousands(*bound) + " requests in flight", details);
}

/// `:free` variants and the `openrouter/free` router share the free-model limits.
bool free_model(const std::string& model)
{
    return model.ends_with(":free") || model == "openrouter/free";
}

/// What to use instead of a free model.
std::string paid_instead(const std::string& model)
{
    return model.ends_with(":free") ? "the paid variant " + model.substr(0, model.size() - 5) : "a paid model";
}

}  // namespace

result rate_limits(check_context& ctx)
{
    const doctor::target& t = *ctx.tgt;
    if (auto s = skip_unless_openrouter(t, "GET /key")) co_return std::move(*s);
    if (!t.model.value || t.model.value->empty()) co_return doctor::skip("no model id is set");
    const std::string model = *t.model.value;
    if (!free_model(model)) co_return co_await paid_concurrency(ctx, model);

    const std::string base = base_of(t), key = key_of(t);
    const auto* answer = co_await ctx.run.fetched->key(base, key);
    if (!answer->ok()) co_return unanswered(answer->error, "OpenRouter about the key", answer->curl);
    const auto& k = *answer->value;
    const auto now = ctx.run.now();
    const auto reset = next_utc_midnight(now);
    std::vector<std::string> details;

    if (const auto& quota = k.free_model_daily_requests) {
        details.push_back(std::to_string(quota->remaining) + " of " + std::to_string(quota->limit) +
                          " free-model requests left today (resets " + utc_text(reset) + ")");
        const doctor::fix more{quota->limit < 1000 ? "wait for the reset, or buy at least $10 of credits to raise "
                                                     "the daily quota from 50 to 1000, or use " + paid_instead(model)
                                                   : "wait for the reset, or use " + paid_instead(model),
                               {answer->curl}};
        // OpenRouter's SDK describes the quota as the tier's policy, not a ceiling enforced on
        // accounts exempt from it or bringing their own provider keys (BYOK): a warning, which
        // a --live probe's 429 (or answer) settles.
        if (quota->remaining <= 0) {
            details.push_back("the quota is the account tier's policy: an account exempt from it, or one using its "
                              "own provider key (BYOK), is not held to it; --live sends one request and shows which");
            auto used_up = doctor::warn("OpenRouter counts the daily free-model quota as used up (" +
                                            std::to_string(quota->used) + " of " + std::to_string(quota->limit) +
                                            "): :free requests get 429 until it resets at " + utc_text(reset) +
                                            ", in " + duration_text(reset - now),
                                        more, details);
            used_up.error = error_class::http_429;
            co_return used_up;
        }
        if (static_cast<double>(quota->remaining) < static_cast<double>(quota->limit) * low_fraction)
            co_return doctor::warn("only " + std::to_string(quota->remaining) + " free-model requests left today",
                                   more, details);
    }

    std::optional<concurrency_setting> setting;
    find_concurrency(ctx.run.config.root, "", setting);
    if (setting) {
        // More requests in flight than the per-minute limit exceed it whatever their speed
        // (each would have to take a full minute not to); fewer may still, if they are fast.
        if (setting->value > free_requests_per_minute) {
            // The recheck keeps the run's other arguments (its input file, limit, repeats).
            const auto& in = *co_await inputs_of(ctx);
            co_return doctor::warn(
                setting->path + " = " + std::to_string(setting->value) + " requests in flight exceed the " +
                    std::to_string(free_requests_per_minute) + " requests a minute of :free models",
                {"use " + setting->path + "=" + std::to_string(free_requests_per_minute) +
                     " at most (fewer when requests take under a minute: 20 x seconds per request / 60), "
                     "or " + paid_instead(model),
                 {recheck_command(ctx, in, "rate_limits", setting->path, std::to_string(safe_concurrency))}},
                details);
        }
        details.push_back(setting->path + " = " + std::to_string(setting->value) + " (" +
                          (setting->where.empty() ? "config" : setting->where) + ")");
    }
    co_return doctor::ok(":free model within its limits (" + std::to_string(free_requests_per_minute) +
                             " requests a minute)",
                         details);
}

}  // namespace ngd::checks
