#pragma once
/// The JSON report, schema `ngdoctor.report/v1` (fields may be added, never renamed).
#include "report/report.hpp"

#include <boost/json/value.hpp>

#include <iosfwd>
#include <optional>
#include <string_view>

namespace ngd::report {

enum class json_layout {
    compact,  ///< one line: for programs and pipes
    pretty    ///< indented: for people on a terminal
};

/// The layout `--json[=LAYOUT]` asks for: "compact", "pretty", or "auto" (what `--json`
/// alone means: pretty for a person at a terminal, compact for a pipe or a file).
/// nullopt for any other word.
std::optional<json_layout> parse_json_layout(std::string_view asked, bool terminal);

/// The report as a JSON value.
boost::json::value to_json(const run_report& report);

void render_json(std::ostream& out, const run_report& report, json_layout layout = json_layout::compact);

/// `v` indented by two spaces per level, keys in their order, ending with a newline.
void write_pretty(std::ostream& out, const boost::json::value& v);

}  // namespace ngd::report
