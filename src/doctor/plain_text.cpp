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

std::string within_shown_length(std::string text)
{
    if (text.size() <= max_shown_bytes) return text;
    std::size_t cut = max_shown_bytes;
    // Back to the first byte of a UTF-8 character (continuation bytes are 10xxxxxx).
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
    const std::size_t left_out = text.size() - cut;
    text.resize(cut);
    return text + "… (" + std::to_string(left_out) + " more bytes not shown)";
}

}  // namespace ngd::doctor
