#include "doctor/plain_text.hpp"

#include <cstdio>

namespace ngd::doctor {

std::string plain_text(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    char visible[8];
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n' || c == '\t') {
            out += char(c);
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            // A CRLF line end is a line end; a lone CR (which returns over the line) is not.
        } else if (c < 0x20 || c == 0x7f) {
            std::snprintf(visible, sizeof visible, "\\x%02x", c);
            out += visible;
        } else if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
            // A C1 control in UTF-8 (U+0080..U+009F): 0x9b is a one-byte CSI to some terminals.
            std::snprintf(visible, sizeof visible, "\\u%04x", static_cast<unsigned char>(text[i + 1]));
            out += visible;
            ++i;
        } else {
            out += char(c);
        }
    }
    return out;
}

}  // namespace ngd::doctor
