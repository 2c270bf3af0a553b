#pragma once
/// The triage report as JSON, schema `ngdoctor.triage/v1`:
/// {"schema", "ngdoctor_version", "sources": [{"path", "kind", "lines"}],
///  "rollouts": {"planned", "succeeded", "failed", "missing", "known", "failed_by_class", "incomplete",
///               "empty_outputs", "metrics_missing", "stale_failures", "stale_rows"},
///  "causes": [{"id", "status", "count", "first_seen", "summary", "evidence", "fix": {"text", "commands"},
///              "details"}]}
/// with causes sorted by count, most first.
#include "report/triage_report.hpp"

#include <iosfwd>

namespace ngd::report {

void render_triage_json(std::ostream& out, const triage_report& report);

}  // namespace ngd::report
