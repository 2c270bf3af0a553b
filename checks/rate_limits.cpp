// rate_limits: `:free` models have a daily quota per account and 20 requests a minute;
// a rollout run with more requests in flight than that is throttled. Paid variants have
// no platform-level request cap.
#include "checks/shell_command.hpp"
#include "checks/common.hpp"
#include "checks/network.hpp"
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

}  // namespace

result rate_limits(check_context& ctx)
{
    const doctor::target& t = *ctx.tgt;
    if (auto s = skip_unless_openrouter(t, "GET /key")) co_return std::move(*s);
    if (!t.model.value || t.model.value->empty()) co_return doctor::skip("no model id is set");
    const std::string model = *t.model.value;
    if (!model.ends_with(":free"))
        co_return doctor::ok("'" + model + "' is not a :free variant: OpenRouter puts no request cap on paid models");

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
                                                     "the daily quota from 50 to 1000, or use the paid variant " +
                                                         model.substr(0, model.size() - 5)
                                                   : "wait for the reset, or use the paid variant " +
                                                         model.substr(0, model.size() - 5),
                               {answer->curl}};
        if (quota->remaining <= 0)
            co_return doctor::fail("the daily free-model quota is used up (" + std::to_string(quota->used) + " of " +
                                       std::to_string(quota->limit) + "); it resets at " + utc_text(reset) + ", in " +
                                       duration_text(reset - now),
                                   error_class::http_429, more, details);
        if (static_cast<double>(quota->remaining) < static_cast<double>(quota->limit) * low_fraction)
            co_return doctor::warn("only " + std::to_string(quota->remaining) + " free-model requests left today",
                                   more, details);
    }

    std::optional<concurrency_setting> setting;
    find_concurrency(ctx.run.config.root, "", setting);
    if (setting) {
        // More requests in flight than the per-minute limit exceed it whatever their speed
        // (each would have to take a full minute not to); fewer may still, if they are fast.
        if (setting->value > free_requests_per_minute)
            co_return doctor::warn(
                setting->path + " = " + std::to_string(setting->value) + " requests in flight exceed the " +
                    std::to_string(free_requests_per_minute) + " requests a minute of :free models",
                {"use " + setting->path + "=" + std::to_string(free_requests_per_minute) +
                     " at most (fewer when requests take under a minute: 20 x seconds per request / 60), "
                     "or the paid variant " + model.substr(0, model.size() - 5),
                 {with_words("ngdoctor check rate_limits",
                             {config_paths_word(ctx.run.config.config_paths),
                              override_word(setting->path, std::to_string(safe_concurrency))})}},
                details);
        details.push_back(setting->path + " = " + std::to_string(setting->value) + " (" +
                          (setting->where.empty() ? "config" : setting->where) + ")");
    }
    co_return doctor::ok(":free model within its limits (" + std::to_string(free_requests_per_minute) +
                             " requests a minute)",
                         details);
}

}  // namespace ngd::checks
