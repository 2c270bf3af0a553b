#include "cli/terminal.hpp"

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <sys/ioctl.h>
#include <unistd.h>

namespace ngd::cli {

bool dumb_terminal()
{
    const char* term = std::getenv("TERM");
    return term && std::strcmp(term, "dumb") == 0;
}

bool colour_wanted(bool no_color_option, bool out_is_tty)
{
    const char* no_color = std::getenv("NO_COLOR");
    return out_is_tty && !no_color_option && !(no_color && *no_color) && !dumb_terminal();
}

std::size_t terminal_width(bool out_is_tty)
{
    if (const char* columns = std::getenv("COLUMNS"); columns && *columns) {
        std::size_t n = 0;
        const auto end = columns + std::strlen(columns);
        if (auto [p, ec] = std::from_chars(columns, end, n); ec == std::errc() && p == end && n > 0) return n;
    }
    if (!out_is_tty) return 0;
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return 80;
}

std::optional<report::grouping> parse_grouping(std::string_view text)
{
    if (text == "target") return report::grouping::by_target;
    if (text == "check") return report::grouping::by_check;
    if (text == "auto") return report::grouping::automatic;
    return std::nullopt;
}

}  // namespace ngd::cli
