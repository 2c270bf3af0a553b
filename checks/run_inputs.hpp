#pragma once
/// The run's inputs as the checks read them: read once for the whole run (see
/// doctor::run_inputs_once), and the sentence a check says when there are none.
#include "checks/checks.hpp"
#include "doctor/run_context.hpp"

#include <string>

namespace ngd::checks {

/// The inputs of this run (the first asker starts the read; the others wait for it).
boost::asio::awaitable<const doctor::run_inputs*> inputs_of(check_context& ctx);

/// How to hand the collection's arguments to check-all, for "could not learn" skips.
std::string how_to_give_inputs();

/// The well-formed row with the largest prompt, or nullptr.
const doctor::input_row* largest_prompt(const doctor::run_inputs& in);

/// `ngdoctor check <id>` over the run's config paths and collection arguments, with `key`
/// set to `value`: a pasteable command that shows whether the changed value fixes it.
std::string recheck_command(const check_context& ctx, const doctor::run_inputs& in, std::string_view id,
                            std::string_view key, std::string_view value);

/// "1,234,567".
std::string thousands(std::int64_t n);

}  // namespace ngd::checks
