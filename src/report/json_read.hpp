#pragma once
/// A saved JSON report (`check-all --json`, schema `ngdoctor.report/v1`) read back into the
/// model the renderers print, so `ngdoctor report FILE` prints what the run printed.
#include "report/report.hpp"
#include "report/triage_report.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::report {

/// A report read back, and what of it was not understood.
struct saved_report {
    run_report report;
    /// e.g. that the schema is newer than this build, and which findings were left out.
    std::vector<std::string> notes;
};

/// Why a text is not a readable report.
struct read_failure {
    std::string where;  ///< "line 3, column 12" for a syntax error, else the field: "checks[2].status"
    std::string what;   ///< "expected one of ok, warn, fail, skip, crash, got \"maybe\""
};

/// The schema version of `schema` ("ngdoctor.report/v2" -> 2), or 0 when it is not one.
int report_schema_version(std::string_view schema);

/// The schema version this build writes.
inline constexpr int written_schema_version = 1;

/// `text` read as a report. A newer schema version is read as far as it is understood (its
/// new fields ignored, a finding with a status this build does not know left out), with a
/// note saying so; anything else that does not fit is a failure naming its place.
std::optional<saved_report> read_report(std::string_view text, read_failure& failure);

/// A saved `triage --json` (schema `ngdoctor.triage/v1`) read back. Its JSON carries the
/// causes, the sources and the run's four counts; what it leaves out (failure classes,
/// details) stays empty.
struct saved_triage {
    triage_report report;
    std::vector<std::string> notes;
};

/// Whether `text` is a triage report rather than a check report (by its schema field); false
/// for anything that does not parse.
bool is_triage_json(std::string_view text);

std::optional<saved_triage> read_triage_report(std::string_view text, read_failure& failure);

}  // namespace ngd::report
