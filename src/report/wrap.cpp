#include "report/wrap.hpp"

namespace ngd::report {

std::size_t columns_of(std::string_view text)
{
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0x1b) {  // CSI ... letter
            while (i < text.size() && !(text[i] >= 'A' && text[i] <= 'Z') && !(text[i] >= 'a' && text[i] <= 'z')) ++i;
            continue;
        }
        if ((c & 0xC0) != 0x80) ++n;  // continuation bytes belong to the code point before
    }
    return n;
}

std::string wrap(std::string_view line, std::size_t width, std::size_t indent)
{
    if (width == 0 || columns_of(line) <= width || indent + 10 > width) return std::string(line) + '\n';
    std::string out;
    std::string current;
    std::size_t used = 0;
    bool first = true;
    std::size_t at = 0;
    auto flush = [&] {
        out += current;
        out += '\n';
        current.assign(indent, ' ');
        used = indent;
        first = false;
    };
    while (at < line.size()) {
        // A word and the spaces before it; leading spaces of the line are kept as they are.
        std::size_t spaces_end = line.find_first_not_of(' ', at);
        if (spaces_end == std::string_view::npos) break;
        std::size_t word_end = line.find(' ', spaces_end);
        if (word_end == std::string_view::npos) word_end = line.size();
        const auto spaces = line.substr(at, spaces_end - at);
        const auto word = line.substr(spaces_end, word_end - spaces_end);
        const auto word_columns = columns_of(word);
        const bool starts_piece = first ? current.empty() : used == indent;
        if (!starts_piece && used + spaces.size() + word_columns > width) {
            flush();
            current += word;
            used += word_columns;
        } else {
            if (!(starts_piece && !first)) {
                current += spaces;
                used += spaces.size();
            }
            current += word;
            used += word_columns;
        }
        at = word_end;
    }
    out += current;
    out += '\n';
    return out;
}

}  // namespace ngd::report
