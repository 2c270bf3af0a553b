#pragma once
/// Picks the simulated site by Host, applies the scenario's faults and latency, and logs
/// every request. The one place where a request meets the scenario.
#include "simulator/exchange.hpp"
#include "simulator/request_log.hpp"
#include "simulator/scenario.hpp"

namespace ngd::sim {

class router {
public:
    /// `log` may be null (no --log).
    router(scenario& world, request_log* log);

    /// The reply to one request.
    reply handle(const incoming& request);

    /// "openrouter.ai:8443" -> "openrouter.ai", "[::1]:80" -> "::1", lower case.
    static std::string host_without_port(std::string_view authority);

private:
    reply route(const incoming& request, const struct caller& who, std::int64_t now_unix);

    scenario& world_;
    request_log* log_;
};

}  // namespace ngd::sim
