#pragma once
/// Injected faults and latency: what a scenario does to matching requests.
#include "simulator/exchange.hpp"
#include "simulator/scenario.hpp"

namespace ngd::sim {

/// The first fault that still applies to this request, counting down its `times`; nullptr when none.
const fault* take_fault(scenario& world, std::string_view host, std::string_view method, std::string_view path);

/// True when the fault only changes how the real answer is delivered (truncated, slow_drip).
bool fault_wraps_answer(const fault& f);

/// The reply a fault gives; `answer` is the route's own reply (used by the wrapping kinds).
reply apply_fault(const fault& f, reply answer, const incoming& request);

/// The simulated latency for a request, in milliseconds.
int latency_for(const scenario& world, std::string_view host, std::string_view method, std::string_view path);

/// Size of the `oversized` body: over the 16 MiB a client should accept.
inline constexpr std::size_t oversized_body_bytes = 17 * 1024 * 1024;

}  // namespace ngd::sim
