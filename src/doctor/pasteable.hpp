#pragma once
/// Fix commands that run as printed: a command that sends $OPENROUTER_API_KEY (or the
/// management key) is preceded by a step that sets it, read silently from the terminal, so
/// the key is never typed onto a command line or into the shell's history.
#include "doctor/finding.hpp"

namespace ngd::doctor {

/// "read -rs NAME && export NAME".
std::string key_step(std::string_view variable);

/// Adds the key step before the first command of `f` that needs each key variable.
void add_key_steps(fix& f);

}  // namespace ngd::doctor
