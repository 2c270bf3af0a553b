#pragma once
/// What the terminal the report goes to can do: its width, colour, a status line.
#include "report/report.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace ngd::cli {

/// TERM=dumb: a terminal that cannot move the cursor or draw colour.
bool dumb_terminal();

/// ANSI colour: only on a terminal, without --no-color, NO_COLOR or TERM=dumb.
bool colour_wanted(bool no_color_option, bool out_is_tty);

/// Columns to wrap the text report at: $COLUMNS when set, else the terminal's width when
/// stdout is one, else 0 (no wrapping: a file or a pipe keeps whole lines).
std::size_t terminal_width(bool out_is_tty);

/// "target", "check" or "auto"; nullopt for anything else.
std::optional<report::grouping> parse_grouping(std::string_view text);

}  // namespace ngd::cli
