#pragma once
/// NeMo Gym's configuration resolution: env.yaml, config_paths, Hydra overrides,
/// merging, directives, OmegaConf interpolation and the appended defaults.
#include "config/merge.hpp"
#include "config/node.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ngd::config {

/// Looks up an environment variable (a seam, so tests need not touch the real environment).
using env_lookup = std::function<std::optional<std::string>(std::string_view)>;

/// The process environment.
env_lookup process_environment();

struct resolve_options {
    std::optional<std::string> env_file;  ///< --env-file: use this env.yaml, no search
    std::vector<std::string> search_dirs; ///< --search-dir, in order (prepended to NEMO_GYM_EXTRA_ROOTS)
    std::vector<std::string> overrides;   ///< Hydra overrides in command-line order
    std::string cwd;                      ///< empty = the process's working directory
    env_lookup env;                       ///< empty = process_environment()

    /// Apply NeMo Gym's key-name redaction ("token"/"key" in a key name -> '****') before the
    /// final resolution, as `ng_dump_config` does: interpolations of a masked value see '****'.
    bool hide_secrets = false;
    /// Picks a free port for a server without one: (low, high, disallowed) -> port.
    /// Empty = NeMo Gym's way: random in the range, not disallowed, bind-tested, 50 tries.
    std::function<std::optional<int>(int, int, const std::vector<int>&)> find_port;
    /// The `python_version` default ("3.11.2"), nullopt to leave it out.
    /// Empty = from `python3 --version`.
    std::function<std::optional<std::string>()> python_version;
};

/// An error NeMo Gym would raise, with its exception name and message.
struct config_error {
    std::string type;     ///< e.g. "InterpolationKeyError", "ConfigPathNotFoundError"
    std::string message;  ///< NeMo Gym's text
    origin where;         ///< the value or file it is about, when known
    /// For a ConfigTypeError from merging: the key and the two values that clash.
    std::optional<merge_clash> clash;

    /// "<type>: <message>" as NeMo Gym prints it.
    std::string text() const;

    /// What the user sees: "Error: <message>" for NeMo Gym's ConfigError family, Hydra's
    /// message, a blank line and its HYDRA_FULL_ERROR hint (hydra/_internal/utils.py::run_and_report), "<type>: <message>" for the rest.
    std::string printed() const;
};

struct resolution {
    node root = node::map();                 ///< resolved as far as possible; unresolved leaves kept as such
    std::optional<std::string> env_file;     ///< the env.yaml used, if any
    std::vector<std::string> env_file_candidates;  ///< every place looked for env.yaml, in order
    bool env_file_from_option = false;       ///< --env-file named it (no search)
    std::vector<std::string> env_file_loops;  ///< candidates that are symlink loops (NeMo Gym skips them)
    std::vector<std::string> config_paths;   ///< the discovered include list (BFS order)
    std::vector<std::string> warnings;       ///< what NeMo Gym prints but does not fail on
    /// What NeMo Gym print()s on stdout before the config, each text complete with its line ends.
    std::vector<std::string> notices;
    std::optional<config_error> error;       ///< the first error NeMo Gym would stop on
    std::vector<config_error> errors;        ///< every error found, the first one first

    /// NEMO_GYM_CONFIG_DICT was set: NeMo Gym takes that YAML as the whole config and skips
    /// env.yaml, config_paths, overrides, validation and redaction.
    bool from_config_dict_env = false;
    /// The merged config with the appended defaults, before interpolation (and before redaction).
    node unresolved_root = node::map();
    /// The server instances, in config order.
    std::vector<std::string> server_instances;
    /// The working directory the resolution used (absolute).
    std::string cwd;

    bool ok() const { return !error.has_value(); }
};

/// Never throws for bad input: malformed files, overrides and interpolations come back
/// in `resolution::error`.
resolution resolve(const resolve_options& options);

}  // namespace ngd::config
