#include "openrouter/curl.hpp"

#include "openrouter/key_mask.hpp"

#include <boost/algorithm/string/predicate.hpp>
#include <boost/algorithm/string/replace.hpp>

namespace ngd::openrouter {

namespace {

bool safe_unquoted(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("-_./:@%+,=").find(c) != std::string_view::npos;
}

std::string without_key(std::string text, const std::optional<std::string>& key)
{
    if (key && !key->empty()) boost::algorithm::replace_all(text, *key, mask_key(*key));
    return text;
}

// Headers read best in double quotes, as curl's own documentation writes them; only
// when the text holds a character the shell treats specially there do single quotes win.
std::string quote_header(std::string_view text)
{
    if (text.find_first_of("\"$`\\!") != std::string_view::npos) return shell_quote(text);
    return "\"" + std::string(text) + "\"";
}

}  // namespace

std::string shell_quote(std::string_view text)
{
    bool safe = !text.empty();
    for (const char c : text) safe = safe && safe_unquoted(c);
    if (safe) return std::string(text);
    std::string out = "'";
    for (const char c : text) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

std::string curl_line(const net::request& req, std::string_view key_variable)
{
    std::string line = "curl";
    if (req.method != "GET" && !(req.method == "POST" && !req.body.empty())) line += " -X " + shell_quote(req.method);
    line += " " + shell_quote(without_key(req.url, req.bearer));
    if (req.bearer)
        line += " -H \"Authorization: Bearer $" + std::string(key_variable) + "\"";
    for (const auto& [name, value] : req.headers) {
        if (boost::algorithm::iequals(name, "Authorization")) continue;
        line += " -H " + quote_header(name + ": " + without_key(value, req.bearer));
    }
    if (!req.body.empty()) line += " -d " + shell_quote(without_key(req.body, req.bearer));
    return line;
}

}  // namespace ngd::openrouter
