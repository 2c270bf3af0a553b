#pragma once
/// The config change a fix asks for, as data (`fix.edits` in the JSON report).
#include "doctor/finding.hpp"
#include "doctor/target.hpp"

#include <optional>
#include <string>

namespace ngd::checks {

/// Set `field` to `value` where it is written (or, when it is written nowhere, by its path).
doctor::edit edit_of(const doctor::target_field& field, std::optional<std::string> value, bool secret = false);

/// `f` with `e` among its edits.
doctor::fix with_edit(doctor::fix f, doctor::edit e);

}  // namespace ngd::checks
