#pragma once
/// The check model: one row of the check table per check module.
#include "doctor/finding.hpp"
#include "doctor/target.hpp"

#include <boost/asio/awaitable.hpp>

#include <span>
#include <string_view>
#include <vector>

namespace ngd::doctor {

class run_context;

/// What a check body sees: the shared run, and its target (nullptr for whole-config checks).
struct check_context {
    run_context& run;
    const target* tgt = nullptr;
};

using check_function = boost::asio::awaitable<finding> (*)(check_context&);

/// Starts the network requests a check will need, so that they all fly at once from the
/// start of the run instead of one after another behind the checks' dependencies. The
/// answers land in the run's shared cache, where the check body finds them.
using prefetch_function = boost::asio::awaitable<void> (*)(check_context&);

enum class check_scope {
    per_target,  ///< runs once for each target
    whole_config ///< runs once; its findings name the target "config"
};

struct check_info {
    std::string_view id;      ///< stable, "group.name" or a group alone ("credits")
    std::string_view group;
    std::string_view title;   ///< one line for list-checks
    bool network = false;     ///< skipped by --offline
    bool live_only = false;   ///< runs only with --live (costs money)
    check_scope scope = check_scope::per_target;
    std::vector<std::string_view> depends_on;  ///< ids of checks whose failure makes this one skip
    check_function run = nullptr;
    prefetch_function prefetch = nullptr;  ///< optional
};

/// The one explicit check table (checks/table.cpp), in report order.
std::span<const check_info> check_table();

/// The row of `id`, or nullptr.
const check_info* find_check(std::string_view id);

/// "docs/checks/<id>.md".
std::string docs_path(std::string_view id);

}  // namespace ngd::doctor
