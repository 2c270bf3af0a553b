#pragma once
/// The live status line on a terminal: what is still running, and after a while which
/// hosts the run is waiting on. Drawn over itself with a carriage return; erased at the end.
#include "doctor/runner.hpp"
#include "report/report.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace ngd::report {

class status_line {
public:
    /// `targets` map pending checks to the hosts they wait on.
    status_line(std::ostream& out, std::vector<target_view> targets, bool color);

    void update(const doctor::run_progress& progress);
    /// Erases the line, so the report starts on a clean one.
    void clear();

    /// The text of the line for `progress` (without terminal control codes).
    std::string text(const doctor::run_progress& progress) const;

private:
    std::ostream& out_;
    std::vector<target_view> targets_;
    bool color_;
    bool drawn_ = false;
};

}  // namespace ngd::report
