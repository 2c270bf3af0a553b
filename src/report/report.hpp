#pragma once
/// What the renderers print: the findings of a run and its context, already decided.
/// Renderers format; they never call the network or judge a finding.
#include "doctor/finding.hpp"

#include <boost/json/object.hpp>

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

/// The machine a report was made on, for a reader who was not there.
struct platform_view {
    std::string os;        ///< "Linux"
    std::string kernel;    ///< "6.1.0-18-amd64"
    std::string ca_store;  ///< the system CA file or folder OpenSSL reads, and any --cacert
    std::string proxy;     ///< the proxy in use, credentials removed; "" for none
    std::string build;     ///< "ngdoctor 0.1.0 (debug, gcc 12.2.0)"
};

struct run_report {
    std::string version;
    std::chrono::milliseconds elapsed{0};
    std::string created_at;                      ///< UTC, "2026-01-31T12:00:00Z"; "" when unknown
    std::vector<std::string> command;            ///< argv with secrets masked
    boost::json::object options;                 ///< the options in effect, by long name
    std::optional<platform_view> platform;
    std::optional<int> exit_code;
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
