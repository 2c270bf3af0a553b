#pragma once
/// The check modules, one file each; checks/table.cpp puts them in order.
#include "doctor/check.hpp"

namespace ngd::checks {

using doctor::check_context;
using doctor::finding;
using result = boost::asio::awaitable<finding>;

// Offline: the config as NeMo Gym resolves it.
result config_env_file(check_context& ctx);
result config_resolve(check_context& ctx);
result config_adapter(check_context& ctx);
result config_secrets(check_context& ctx);

// Offline: the target's values as written.
result key_format(check_context& ctx);
result base_url_format(check_context& ctx);
result model_id_format(check_context& ctx);

// Network.
result key_status(check_context& ctx);
result base_url_reach(check_context& ctx);
result model_availability(check_context& ctx);
result provider_status(check_context& ctx);
result credits(check_context& ctx);
result rate_limits(check_context& ctx);
result inference_probe(check_context& ctx);

// Will the run itself fit: its inputs, the model's window and tools, cost, latency, ports.
result run_inputs(check_context& ctx);
result local_ports(check_context& ctx);
result model_context(check_context& ctx);
result model_tools(check_context& ctx);
result cost_estimate(check_context& ctx);
result provider_latency(check_context& ctx);

// Prefetch: the requests the network checks above will make, started with the run.
boost::asio::awaitable<void> prefetch_catalog(check_context& ctx);
boost::asio::awaitable<void> prefetch_key(check_context& ctx);
boost::asio::awaitable<void> prefetch_model(check_context& ctx);
boost::asio::awaitable<void> prefetch_providers(check_context& ctx);
/// Starts reading the run's input rows on their own thread.
boost::asio::awaitable<void> prefetch_inputs(check_context& ctx);

}  // namespace ngd::checks
