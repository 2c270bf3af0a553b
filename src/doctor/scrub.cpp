#include "doctor/scrub.hpp"

#include "doctor/plain_text.hpp"

#include "openrouter/key_mask.hpp"

#include <cctype>

namespace ngd::doctor {
namespace {

constexpr std::size_t shortest_secret = 8;
constexpr std::size_t full_key_length = 73;  // "sk-or-v1-" + 64 hex digits  // shorter values ("EMPTY", "none") are not secrets worth hiding

bool key_char(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

void replace_all(std::string& text, const std::string& secret)
{
    std::size_t at = text.find(secret);
    if (at == std::string::npos) return;  // the usual case: no masking to compute
    const std::string masked = openrouter::mask_key(secret);
    for (; at != std::string::npos; at = text.find(secret, at + masked.size())) text.replace(at, secret.size(), masked);
}

// What a server or a log may put inside an echoed key without meaning to end it: a line
// break, a zero-width character (UTF-8), or those written as escapes ("\n", "\u200b").
std::size_t separator_length(std::string_view rest)
{
    for (std::string_view sep : {"\r\n", "\n", "\r", "\xe2\x80\x8b", "\xe2\x80\x8c", "\xe2\x80\x8d",
                                 "\xe2\x81\xa0", "\xef\xbb\xbf", "\\n", "\\r", "\\u200b", "\\u200B",
                                 "\\u200c", "\\u200d", "\\u2060", "\\ufeff", "\\uFEFF"})
        if (rest.starts_with(sep)) return sep.size();
    return 0;
}

// The end of the key starting at `at`: key characters, and separators between them while the
// key is shorter than a whole one (so the word after a complete key's line break stays).
std::size_t key_end(std::string_view text, std::size_t at, std::size_t& key_chars)
{
    std::size_t end = at;
    key_chars = 0;
    while (end < text.size()) {
        if (key_char(text[end])) {
            ++end;
            ++key_chars;
            continue;
        }
        const std::size_t sep = separator_length(text.substr(end));
        if (sep == 0 || key_chars >= full_key_length || end + sep >= text.size() || !key_char(text[end + sep]))
            break;
        end += sep;
    }
    return end;
}

// Any `sk-or-` token long enough to be a key, even one not in the config (a server echo),
// also when a separator splits it.
void mask_key_shapes(std::string& text)
{
    for (std::size_t at = text.find("sk-or-"); at != std::string::npos; at = text.find("sk-or-", at + 1)) {
        std::size_t key_chars = 0;
        const std::size_t end = key_end(text, at, key_chars);
        if (key_chars < 24) continue;
        std::string joined;
        for (std::size_t i = at; i < end; ++i)
            if (key_char(text[i])) joined += text[i];
        text.replace(at, end - at, openrouter::mask_key(joined));
    }
}

}  // namespace

std::string scrub(std::string text, const std::vector<std::string>& secrets)
{
    for (const auto& secret : secrets)
        if (secret.size() >= shortest_secret) replace_all(text, secret);
    mask_key_shapes(text);
    return text;
}

void scrub(std::vector<finding>& findings, const std::vector<std::string>& secrets)
{
    // Keys masked, and what servers and files wrote made plain text (no escape sequences);
    // the summary and details, where servers' messages are quoted, within a readable length.
    auto clean = [&](std::string& s) { s = plain_text(scrub(std::move(s), secrets)); };
    auto quoted = [&](std::string& s) { s = within_shown_length(plain_text(scrub(std::move(s), secrets))); };
    for (auto& f : findings) {
        quoted(f.summary);
        for (auto& d : f.details) quoted(d);
        clean(f.remedy.text);
        for (auto& c : f.remedy.commands) clean(c);
        for (auto& e : f.remedy.edits) {
            clean(e.file);
            clean(e.key);
            if (e.value) clean(*e.value);
        }
    }
}

}  // namespace ngd::doctor
