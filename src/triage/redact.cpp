#include "triage/redact.hpp"

#include <cctype>
#include <vector>

namespace ngd::triage {
namespace {

constexpr std::string_view redacted = "[REDACTED]";
constexpr std::size_t shortest_key = 16;  // shorter values ("EMPTY", "dummy") are placeholders

bool key_char(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

struct span {
    std::size_t begin, end;
};

std::size_t token_end(std::string_view text, std::size_t at)
{
    while (at < text.size() && key_char(text[at])) ++at;
    return at;
}

bool looks_masked(std::string_view token)
{
    return token.find("...") != std::string_view::npos || token.find('*') != std::string_view::npos;
}

/// Where the keys are in `text`.
std::vector<span> key_spans(std::string_view text)
{
    std::vector<span> spans;
    for (std::size_t at = text.find("sk-or-"); at != std::string_view::npos; at = text.find("sk-or-", at + 1)) {
        const std::size_t end = token_end(text, at);
        if (end - at >= 6 + shortest_key && !looks_masked(text.substr(at, end + 3 - at))) spans.push_back({at, end});
    }
    for (std::size_t at = text.find("Bearer "); at != std::string_view::npos; at = text.find("Bearer ", at + 1)) {
        const std::size_t start = at + 7, end = token_end(text, start);
        if (end - start >= shortest_key && !looks_masked(text.substr(start, end + 3 - start))) spans.push_back({start, end});
    }
    // api_key: value / api_key=value / "api_key": "value" / 'api_key': 'value'
    for (std::size_t at = text.find("api_key"); at != std::string_view::npos; at = text.find("api_key", at + 1)) {
        std::size_t i = at + 7;
        while (i < text.size() && (text[i] == '"' || text[i] == '\'' || text[i] == ' ')) ++i;
        if (i >= text.size() || (text[i] != ':' && text[i] != '=')) continue;
        ++i;
        while (i < text.size() && (text[i] == ' ' || text[i] == '"' || text[i] == '\'')) ++i;
        if (i < text.size() && text[i] == '$') continue;  // ${policy_api_key}: a reference, not a key
        const std::size_t end = token_end(text, i);
        if (end - i >= shortest_key && !looks_masked(text.substr(i, end + 3 - i))) spans.push_back({i, end});
    }
    return spans;
}

/// Length of the valid UTF-8 sequence at `at`, or 0.
std::size_t utf8_length(std::string_view s, std::size_t at)
{
    const auto c = static_cast<unsigned char>(s[at]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || at + n > s.size()) return 0;
    for (std::size_t i = 1; i < n; ++i)
        if ((static_cast<unsigned char>(s[at + i]) >> 6) != 0x2) return 0;
    if (n == 2 && c < 0xC2) return 0;  // overlong
    return n;
}

}  // namespace

bool holds_key(std::string_view line)
{
    return !key_spans(line).empty();
}

std::string redact(std::string_view line)
{
    std::string out;
    out.reserve(line.size());
    auto spans = key_spans(line);
    std::size_t at = 0;
    while (at < line.size()) {
        bool replaced = false;
        for (const auto& s : spans)
            if (s.begin == at) {
                out += redacted;
                at = s.end;
                replaced = true;
                break;
            }
        if (replaced) continue;
        const auto c = static_cast<unsigned char>(line[at]);
        if (c < 0x20 && c != '\t') {
            out += '?';
            ++at;
            continue;
        }
        const std::size_t n = utf8_length(line, at);
        if (n == 0) {
            out += '?';
            ++at;
            continue;
        }
        // A key span may start inside a multi-byte run only at an ASCII byte, so this is safe.
        out.append(line.substr(at, n));
        at += n;
    }
    return out;
}

std::string cut_to_width(std::string_view text, std::size_t width)
{
    std::size_t chars = 0, at = 0;
    while (at < text.size()) {
        const auto c = static_cast<unsigned char>(text[at]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
        if (chars + 1 > width) break;
        at += n;
        ++chars;
    }
    if (at >= text.size()) return std::string(text);
    if (width == 0) return {};
    // Make room for the ellipsis.
    std::string out(text.substr(0, at));
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty()) out.pop_back();
    return out + "…";
}

}  // namespace ngd::triage
