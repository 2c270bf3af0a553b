#pragma once
/// Text from outside (a server's error message, a status page, a config or log file) reaches
/// the terminal only as plain text: an ANSI escape sequence or a control character in it could
/// recolour, move the cursor, retitle the window or hide what follows. Applied to every text
/// of the findings before printing, together with the key scrub (doctor/scrub.hpp).
#include <string>
#include <string_view>

namespace ngd::doctor {

/// `text` with every C0 control character except line feed and tab (a CRLF becomes a line
/// feed), DEL, every C1 control
/// (U+0080..U+009F) and the escape character written out visibly as `\xNN` / `\u00NN`, so an
/// escape sequence is left as harmless characters ("\x1b[31m") and nothing is lost silently.
std::string plain_text(std::string_view text);

}  // namespace ngd::doctor
