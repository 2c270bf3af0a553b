#pragma once
/// Text from outside (a server's error message, a status page, a config or log file) reaches
/// the terminal only as plain text: an ANSI escape sequence or a control character in it could
/// recolour, move the cursor, retitle the window or hide what follows. Applied to every text
/// of the findings before printing, together with the key scrub (doctor/scrub.hpp).
#include <cstddef>
#include <string>
#include <string_view>

namespace ngd::doctor {

/// `text` with every C0 control character except line feed and tab (a CRLF becomes a line
/// feed), DEL, every C1 control
/// (U+0080..U+009F) and the escape character written out visibly as `\xNN` / `\u00NN`, so an
/// escape sequence is left as harmless characters ("\x1b[31m") and nothing is lost silently.
std::string plain_text(std::string_view text);

/// The most of one text from outside that a report shows: a server may answer with a
/// message of megabytes, which would bury the report (and the terminal).
inline constexpr std::size_t max_shown_bytes = 4096;

/// `text` cut to `max_shown_bytes` at a character boundary, saying how much was left out.
std::string within_shown_length(std::string text);

}  // namespace ngd::doctor
