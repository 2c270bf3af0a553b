#include "report/exchange_trace.hpp"

#include "doctor/plain_text.hpp"
#include "doctor/scrub.hpp"
#include "openrouter/key_mask.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace ngd::report {
namespace {

constexpr std::string_view redacted = "[REDACTED]";

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::vector<std::string> words_of_name(std::string_view name)
{
    std::vector<std::string> words;
    std::string word;
    for (char c : lower(name)) {
        if (c == '-' || c == '_') {
            if (!word.empty()) words.push_back(std::move(word));
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

// X-Api-Key, X-Auth-Token, X-Amz-Security-Token, Api-Key, X-Session... by the words of the
// name, so that x-ratelimit-remaining-tokens (a count) still shows.
bool credential_named(std::string_view name)
{
    const auto words = words_of_name(name);
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& w = words[i];
        if (w == "token" || w == "secret" || w == "password" || w == "passwd" || w == "apikey" || w == "session" ||
            w == "credential" || w == "credentials")
            return true;
        if (w == "key" && (i == 0 || words[i - 1] == "api" || words[i - 1] == "access" || words[i - 1] == "secret"))
            return true;
    }
    return false;
}

bool token_char(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

// Keys of other providers (sk-..., sk-proj-..., sk-ant-...) and bearer JWTs (eyJ...):
// long tokens of that shape are masked wherever they stand. OpenRouter's sk-or- keys are
// the scrub's (doctor/scrub.hpp).
std::string mask_key_shaped(std::string text)
{
    constexpr std::size_t shortest_key = 24;
    std::size_t at = 0;
    while (at < text.size()) {
        if (!token_char(text[at])) {
            ++at;
            continue;
        }
        std::size_t end = at;
        while (end < text.size() && token_char(text[end])) ++end;
        const std::string_view token(text.data() + at, end - at);
        if (token.size() >= shortest_key && (token.starts_with("sk-") || token.starts_with("eyJ"))) {
            const std::string masked = openrouter::mask_key(token);
            text.replace(at, end - at, masked);
            end = at + masked.size();
        }
        at = end;
    }
    return text;
}

// "a=1; b=2" -> "a=[REDACTED]; b=[REDACTED]"; with `first_only` (Set-Cookie) the attributes
// after the first pair (Path, Expires, ...) stay.
std::string redact_cookie_values(std::string_view value, bool first_only)
{
    std::string out;
    bool first = true;
    while (true) {
        const auto semi = value.find(';');
        std::string_view pair = value.substr(0, semi);
        const auto eq = pair.find('=');
        if ((first || !first_only) && eq != std::string_view::npos)
            out.append(pair.substr(0, eq + 1)).append(redacted);
        else if (first || !first_only)
            out.append(redacted);
        else
            out.append(pair);
        first = false;
        if (semi == std::string_view::npos) break;
        out += ';';
        value.remove_prefix(semi + 1);
    }
    return out;
}

// One line of the terminal: keys masked, control characters written out, and a line break
// (which plain_text keeps) shown as "\n" so it cannot start a line of its own.
std::string one_line(std::string_view text, const std::vector<std::string>& secrets)
{
    std::string clean = doctor::plain_text(doctor::scrub(mask_key_shaped(std::string(text)), secrets));
    std::string out;
    for (char c : clean) {
        if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::string describe_ms(std::chrono::milliseconds elapsed)
{
    return std::to_string(elapsed.count()) + " ms";
}

}  // namespace

std::string shown_header_value(std::string_view name, std::string_view value)
{
    const std::string n = lower(name);
    if (n == "authorization" || n == "proxy-authorization") {
        // The scheme stays (it tells Bearer from Basic); only a bearer token, which is a key,
        // shows in the key's masked form. Basic's base64 would give away the user name.
        const auto space = value.find(' ');
        if (space == std::string_view::npos) return std::string(redacted);
        const std::string_view scheme = value.substr(0, space);
        std::string_view credential = value.substr(space + 1);
        while (!credential.empty() && credential.front() == ' ') credential.remove_prefix(1);
        if (lower(scheme) == "bearer" && !credential.empty())
            return std::string(scheme) + " " + openrouter::mask_key(credential);
        return std::string(scheme) + " " + std::string(redacted);
    }
    if (n == "cookie") return redact_cookie_values(value, false);
    if (n == "set-cookie") return redact_cookie_values(value, true);
    if (credential_named(name)) return std::string(redacted);
    return std::string(value);
}

std::string describe_bytes(std::size_t bytes)
{
    if (bytes < 1000) return std::to_string(bytes) + " B";
    const char* units[] = {"kB", "MB", "GB"};
    double amount = static_cast<double>(bytes) / 1000.0;
    std::size_t unit = 0;
    while (amount >= 999.95 && unit + 1 < std::size(units)) {
        amount /= 1000.0;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %s", amount, units[unit]);
    return text;
}

std::string render_exchange(const net::exchange_record& record, const std::vector<std::string>& secrets)
{
    std::string out;
    auto line = [&](std::string_view prefix, std::string_view text) {
        out.append(prefix).append(one_line(text, secrets)).append("\n");
    };
    if (record.tls_resumed) line("* ", "TLS session resumed");
    line("> ", record.method + " " + record.url);
    for (const auto& [name, value] : record.request_headers) line("> ", name + ": " + shown_header_value(name, value));
    if (record.answered) {
        std::string status = std::to_string(record.status);
        if (!record.reason.empty()) status += " " + record.reason;
        line("< ", status + " (" + describe_ms(record.elapsed) + ", " + describe_bytes(record.bytes_sent) + " sent, " +
                       describe_bytes(record.bytes_received) + " received)");
        for (const auto& [name, value] : record.response_headers)
            line("< ", name + ": " + shown_header_value(name, value));
        return out;
    }
    const std::string stage = record.fail.stage.empty() ? std::string("request") : record.fail.stage;
    // The client's own refusals (plain HTTP with a key, an unusable --cacert): nothing left.
    if (stage == "policy" || stage == "config") {
        line("* ", "not sent (" + stage + "): " + record.fail.message);
        return out;
    }
    std::string took = describe_ms(record.elapsed);
    if (record.bytes_sent > 0 || record.bytes_received > 0)
        took +=
            ", " + describe_bytes(record.bytes_sent) + " sent, " + describe_bytes(record.bytes_received) + " received";
    line("* ", stage + " failed, no answer (" + took + "): " + record.fail.message);
    return out;
}

}  // namespace ngd::report
