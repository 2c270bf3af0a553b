#pragma once
/// Everything a run shares: its options, the resolved config, the targets, the seams
/// (clock, environment, HTTP), and the answers fetched once for every check.
#include "config/resolve.hpp"
#include "doctor/run_inputs.hpp"
#include "doctor/target.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ngd::net { class client; }

namespace ngd::doctor {

class answers;

struct run_options {
    bool offline = false;
    bool live = false;
    bool strict = false;
    std::chrono::milliseconds timeout{10'000};
    std::chrono::milliseconds deadline{30'000};
    std::optional<double> min_credits;  ///< USD
    /// OPENROUTER_MANAGEMENT_KEY: a management key, used only for GET /credits (the
    /// account balance, which an inference key cannot see).
    std::optional<std::string> management_key;
    /// --max-cost: the most the run may cost, in USD, as typed (compared exactly).
    std::optional<std::string> max_cost;
};

class run_context {
public:
    run_options options;
    config::resolution config;
    std::vector<target> targets;
    config::env_lookup env;
    /// The clock the checks read (key expiry, model expiration dates); a seam for tests.
    std::function<std::chrono::system_clock::time_point()> now = [] { return std::chrono::system_clock::now(); };
    /// The HTTP client of the run; nullptr when offline.
    net::client* http = nullptr;
    /// The answers fetched once and shared by the checks; nullptr when offline.
    answers* fetched = nullptr;
    /// What the rollout collection will send (collection arguments, input rows), read once.
    std::shared_ptr<run_inputs_once> inputs = std::make_shared<run_inputs_once>();
};

}  // namespace ngd::doctor
