#pragma once
/// Word wrapping for the text report: long lines break at spaces, and the lines after the
/// first are indented so the text keeps its column (a hanging indent).
#include <cstddef>
#include <string>
#include <string_view>

namespace ngd::report {

/// Columns `text` takes on a terminal: UTF-8 code points, ANSI colour codes not counted.
std::size_t columns_of(std::string_view text);

/// `line` broken at spaces so no piece passes `width` columns (a word longer than that
/// stays whole); pieces after the first start with `indent` spaces. Ends with '\n'.
/// `width` 0 leaves the line whole.
std::string wrap(std::string_view line, std::size_t width, std::size_t indent);

}  // namespace ngd::report
