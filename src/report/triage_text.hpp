#pragma once
/// The triage report as text: causes ranked by the rollouts they cost, each with its count,
/// first place seen, one evidence line, the fix and the commands; then the run's shape.
#include "report/report.hpp"
#include "report/triage_report.hpp"

#include <cstddef>
#include <iosfwd>

namespace ngd::report {

struct triage_text_style {
    text_style base;          ///< colour; verbose lists the sources too
    std::size_t width = 100;  ///< the terminal's columns: the evidence line is cut to fit
};

void render_triage_text(std::ostream& out, const triage_report& report, const triage_text_style& style);

/// "10 planned, 4 succeeded, 0 failed, 6 missing (...)": the run's shape in one line.
std::string shape_line(const rollout_shape& shape);

}  // namespace ngd::report
