#pragma once
/// The text report: the findings (by check or by target), a problem said once, skips that
/// follow from one failure folded into one line, a summary line, and last the failures to
/// fix first, each with its fix.
#include "report/report.hpp"

#include <iosfwd>

namespace ngd::report {

void render_text(std::ostream& out, const run_report& report, const text_style& style);

}  // namespace ngd::report
