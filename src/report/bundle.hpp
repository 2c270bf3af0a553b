#pragma once
/// The text members of a support bundle that are not reports: the README laid out as
/// NeMo Gym's bug template, and the last scan of every member for keys.
#include "report/report.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::report {

/// What the README says about where the bundle was made.
struct bundle_facts {
    std::vector<std::string> command;              ///< ngdoctor's argv, secrets masked
    std::optional<std::string> env_file;
    std::vector<std::string> config_paths;
    std::vector<std::string> overrides_files;      ///< Hydra overrides.yaml files found (bundle members)
    std::string python_version;                    ///< "" when python3 is not on PATH
    std::string gym_version;                       ///< `gym --version --json`, "" when gym is not on PATH
    bool has_triage = false;                       ///< triage.json is in the bundle (--run)
    std::vector<std::string> members;              ///< every member, in archive order
};

/// README.md: NeMo Gym's bug template (triage.md §4): description, steps to reproduce,
/// expected behaviour, configs, environment, other context, filled from the report.
std::string bundle_readme(const run_report& report, const bundle_facts& facts);

/// The 1-based line of `text` where a configured secret or anything shaped like an
/// OpenRouter key is still in clear; nullopt when there is none.
std::optional<std::size_t> leaked_line(std::string_view text, const std::vector<std::string>& secrets);

}  // namespace ngd::report
