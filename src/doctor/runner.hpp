#pragma once
/// Runs the selected checks: every (check, target) pair starts at once as a coroutine on
/// one io_context; a check waits for the checks it depends on (same target); a failed
/// or skipped dependency makes it skip; an exception becomes `crash`; the run's deadline
/// ends what is still pending as `fail`/`timeout`. Findings come back in table order.
#include "doctor/check.hpp"
#include "doctor/finding.hpp"

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace ngd::doctor {

class run_context;

/// What is still running, for a live status line.
struct run_progress {
    std::size_t total = 0;
    std::size_t done = 0;
    std::vector<std::string> pending;  ///< "check.id (target)"
    std::chrono::milliseconds elapsed{0};
};

using progress_callback = std::function<void(const run_progress&)>;

/// The checks to run for `ids` (ids or group names) plus everything they depend on, in
/// table order; unknown names are returned in `unknown`.
std::vector<const check_info*> select_checks(const std::vector<std::string>& ids,
                                             std::vector<std::string>& unknown);

/// Runs `checks` over `ctx.targets` on `io` (which it runs until every check is done).
/// `on_progress`, if set, is called when a check finishes and every `tick` in between.
std::vector<finding> run_checks(boost::asio::io_context& io, run_context& ctx,
                                const std::vector<const check_info*>& checks,
                                const progress_callback& on_progress = {},
                                std::chrono::milliseconds tick = std::chrono::milliseconds(100));

}  // namespace ngd::doctor
