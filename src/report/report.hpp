#pragma once
/// What the renderers print: the findings of a run and its context, already decided.
/// Renderers format; they never call the network or judge a finding.
#include "doctor/finding.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace ngd::report {

/// A target as the report shows it: the key only in masked form.
struct target_view {
    std::string name;
    std::string base_url;
    std::string model;
    std::string masked_key;  ///< "" when there is no key
};

struct run_report {
    std::string version;
    std::chrono::milliseconds elapsed{0};
    std::optional<std::string> env_file;
    std::vector<std::string> config_paths;
    std::vector<target_view> targets;
    std::vector<doctor::finding> findings;  ///< table order
};

/// How findings are ordered in the text report.
enum class grouping {
    automatic,  ///< by target when there are more than 2 targets, else by check
    by_target,  ///< a section per target, table order inside
    by_check    ///< table order, the targets of a check together
};

/// How text is drawn.
struct text_style {
    bool color = false;    ///< ANSI colours (only on a TTY, without NO_COLOR, without --no-color)
    bool verbose = false;  ///< details of ok findings and per-check timings
    bool quiet = false;    ///< only problems (warn, fail, crash) and the summary
    grouping group = grouping::automatic;
    std::size_t width = 0;  ///< wrap prose at this many columns with a hanging indent; 0: never
};

/// The version of this build, e.g. "0.1.0".
std::string_view version();

}  // namespace ngd::report
