#pragma once
/// What each PATH of `ngdoctor triage` stands for: a rollout output and the files NeMo Gym
/// writes next to it (found by name), a log folder, a log, a transcript, standard input.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ngd::triage {

enum class file_kind { rollouts, materialized, failures, metrics, capture, log, transcript, overrides, standard_input };

/// "rollouts", "materialized_inputs", "failures", "metrics", "capture", "log", "transcript",
/// "overrides", "stdin".
std::string_view to_string(file_kind k);

struct source {
    std::filesystem::path path;  ///< "-" for standard input
    file_kind kind;
    std::string stem;            ///< the rollout output a rollout file belongs to ("<dir>/<stem>")
};

/// Kind and stem of a file, from its name (nullopt: nothing to read, e.g. a profile).
std::optional<source> classify(const std::filesystem::path& file);

/// The sources of every PATH, each file once, in the order given (a folder's files sorted).
/// A PATH that does not exist or cannot be read gives `error` naming it.
std::vector<source> find_sources(const std::vector<std::string>& paths, std::string& error);

}  // namespace ngd::triage
