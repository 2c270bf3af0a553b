#pragma once
/// `ngdoctor triage` without its front end: reads every source once, line by line, and
/// returns the causes (as findings of the owning checks) and the run's shape.
#include "report/triage_report.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ngd::triage {

struct triage_result {
    report::triage_report report;
    std::string usage_error;  ///< non-empty: a PATH could not be read (nothing else is set)
    std::string overrides;    ///< the run's Hydra overrides, shell-quoted and redacted ("" = unknown)
    /// For `--check` only, never printed: the run's overrides as Hydra reads them (a key may
    /// be among them) and the env.yaml found among the files read ("" = none).
    std::vector<std::string> run_overrides;
    std::string env_file;
    /// With generation ids asked for: the few kept (first and last seen) and how often any was mentioned.
    std::vector<std::string> generation_ids;
    std::uint64_t generation_mentions = 0;
};

/// Reads `paths` ("-" = standard input, read from `stdin_fd`); with `want_generation_ids`,
/// also keeps the OpenRouter generation ids the lines mention (a few, bounded).
triage_result run_triage(const std::vector<std::string>& paths, int stdin_fd = 0, bool want_generation_ids = false);

}  // namespace ngd::triage
