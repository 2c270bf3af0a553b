#pragma once
/// NeMo Gym's server instances and the values `parse()` appends: the dummy-model merge,
/// almost-server detection, server refs ("Did you mean"), host/port of each server and the
/// global defaults, in NeMo Gym's order.
#include "config/node.hpp"
#include "config/resolve.hpp"

#include <functional>
#include <future>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::config {

/// The three server types.
inline constexpr std::string_view server_types[] = {"responses_api_models", "resources_servers",
                                                     "responses_api_agents"};

/// NEMO_GYM_RESERVED_TOP_LEVEL_KEYS.
bool is_reserved_top_level_key(std::string_view key);

/// A server instance: its top-level name, type and implementation (the inner dict's key).
struct server_instance {
    std::string name;
    std::string type;
    std::string implementation;
};

/// The server instances of a merged config, in order (unresolved values are looked at as
/// written, as NeMo Gym validates with resolve=False).
std::vector<server_instance> find_server_instances(const node& root);

using error_sink = std::function<void(config_error)>;

/// The version of the python3 on PATH (config/python_interpreter.hpp), asked on a thread
/// while the rest of the resolution runs.
std::future<std::optional<std::string>> start_python_version_probe();

/// Steps 11-14 of NeMo Gym's parse(), in place. Errors go to `report` in the order NeMo Gym
/// would meet them; what NeMo Gym prints on stdout is appended to `notices`. `python_version` is used unless
/// `options.python_version` is set.
void populate_servers_and_defaults(node& root, const resolve_options& options, const env_lookup& env,
                                   const std::string& cwd, std::vector<std::string>& notices,
                                   std::vector<std::string>& instance_names,
                                   const error_sink& report, std::future<std::optional<std::string>> python_version);

}  // namespace ngd::config
