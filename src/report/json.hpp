#pragma once
/// The JSON report, schema `ngdoctor.report/v1` (fields may be added, never renamed).
#include "report/report.hpp"

#include <iosfwd>

namespace ngd::report {

void render_json(std::ostream& out, const run_report& report);

}  // namespace ngd::report
