#pragma once
/// What the run-fit checks (model.context, model.tools, cost.estimate, provider.latency)
/// read about the target's model, from the answers the run has already fetched: its catalog
/// entry, the catalog, and (on OpenRouter) its endpoints.
#include "checks/checks.hpp"
#include "doctor/answers.hpp"
#include "openrouter/endpoints.hpp"
#include "openrouter/model.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ngd::checks {

struct run_model {
    const openrouter::model* model = nullptr;
    const openrouter::model_list* catalog = nullptr;
    const openrouter::endpoint_list* endpoints = nullptr;  ///< nullptr when not OpenRouter or unanswered
    std::string catalog_curl, endpoints_curl;

    /// The window: the model's context_length, else its top provider's.
    std::optional<std::int64_t> context() const;
    /// The most one answer may take: the largest endpoint max_completion_tokens, else the
    /// top provider's; nullopt when nobody says.
    std::optional<std::int64_t> max_completion() const;
    /// Every endpoint (or, without endpoints, the model) lists `parameter`.
    bool supports(std::string_view parameter) const;
    /// The endpoints that list `parameter` (their tags).
    std::vector<std::string> endpoints_supporting(std::string_view parameter) const;
};

/// The target's model, or the skip that says why it cannot be looked at.
boost::asio::awaitable<std::optional<finding>> load_run_model(check_context& ctx, run_model& out);

/// Current models other than `m`, with fixed prices, passing `keep`, nearest to m's price
/// first (the same author breaking ties). At most `n`.
std::vector<const openrouter::model*> comparable_models(const openrouter::model_list& catalog,
                                                        const openrouter::model& m,
                                                        std::chrono::system_clock::time_point now,
                                                        const std::function<bool(const openrouter::model&)>& keep,
                                                        std::size_t n = 3);

/// The model lists `parameter` among its supported_parameters.
bool lists(const openrouter::model& m, std::string_view parameter);

/// The target is the policy (the model the rollouts are collected from), not a judge.
bool is_policy(const doctor::target& t);

}  // namespace ngd::checks
