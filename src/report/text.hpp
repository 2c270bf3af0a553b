#pragma once
/// The text report: one line per check in table order, fixes under failures, a summary line.
#include "report/report.hpp"

#include <iosfwd>

namespace ngd::report {

void render_text(std::ostream& out, const run_report& report, const text_style& style);

}  // namespace ngd::report
