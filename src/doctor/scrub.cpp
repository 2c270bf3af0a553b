#include "doctor/scrub.hpp"

#include "openrouter/key_mask.hpp"

#include <cctype>

namespace ngd::doctor {
namespace {

constexpr std::size_t shortest_secret = 8;  // shorter values ("EMPTY", "none") are not secrets worth hiding

bool key_char(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

void replace_all(std::string& text, const std::string& secret)
{
    const std::string masked = openrouter::mask_key(secret);
    for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + masked.size()))
        text.replace(at, secret.size(), masked);
}

// Any `sk-or-` token long enough to be a key, even one not in the config (a server echo).
void mask_key_shapes(std::string& text)
{
    for (std::size_t at = text.find("sk-or-"); at != std::string::npos; at = text.find("sk-or-", at + 1)) {
        std::size_t end = at;
        while (end < text.size() && key_char(text[end])) ++end;
        if (end - at < 24) continue;
        const std::string masked = openrouter::mask_key(std::string_view(text).substr(at, end - at));
        text.replace(at, end - at, masked);
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
    for (auto& f : findings) {
        f.summary = scrub(std::move(f.summary), secrets);
        for (auto& d : f.details) d = scrub(std::move(d), secrets);
        f.remedy.text = scrub(std::move(f.remedy.text), secrets);
        for (auto& c : f.remedy.commands) c = scrub(std::move(c), secrets);
    }
}

}  // namespace ngd::doctor
