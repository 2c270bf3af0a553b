#include "config/scalar_typing.hpp"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>

namespace ngd::config {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_digit_or_underscore(char c) { return is_digit(c) || c == '_'; }

std::optional<bool> yaml_bool(std::string_view s)
{
    for (auto w : {"yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"})
        if (s == w) return true;
    for (auto w : {"no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"})
        if (s == w) return false;
    return std::nullopt;
}

bool yaml_null(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

std::string_view skip_sign(std::string_view s)
{
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
    return s;
}

template <class Pred>
std::size_t span_of(std::string_view s, std::size_t from, Pred pred)
{
    while (from < s.size() && pred(s[from])) ++from;
    return from;
}

// (:[0-5]?[0-9])+ starting at i; returns the end or npos.
std::size_t sexagesimal_tail(std::string_view s, std::size_t i)
{
    std::size_t groups = 0;
    while (i < s.size() && s[i] == ':') {
        std::size_t j = i + 1;
        if (j + 1 < s.size() && s[j] >= '0' && s[j] <= '5' && is_digit(s[j + 1]))
            j += 2;
        else if (j < s.size() && is_digit(s[j]))
            j += 1;
        else
            return std::string_view::npos;
        i = j;
        ++groups;
    }
    return groups ? i : std::string_view::npos;
}

bool matches_yaml_int(std::string_view text)
{
    auto s = skip_sign(text);
    if (s.empty()) return false;
    if (s.size() > 2 && s[0] == '0' && s[1] == 'b')
        return span_of(s, 2, [](char c) { return c == '0' || c == '1' || c == '_'; }) == s.size();
    if (s.size() > 2 && s[0] == '0' && s[1] == 'x')
        return span_of(s, 2, [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == '_'; }) == s.size();
    if (s[0] == '0')
        return s.size() == 1 || span_of(s, 1, [](char c) { return (c >= '0' && c <= '7') || c == '_'; }) == s.size();
    if (s[0] < '1' || s[0] > '9') return false;
    auto end = span_of(s, 1, is_digit_or_underscore);
    if (end == s.size()) return true;
    return sexagesimal_tail(s, end) == s.size();
}

bool matches_yaml_float(std::string_view text)
{
    auto s = skip_sign(text);
    bool signed_ = s.size() != text.size();
    if (s.empty()) return false;
    if (s == ".inf" || s == ".Inf" || s == ".INF") return true;
    if (!signed_ && (s == ".nan" || s == ".NaN" || s == ".NAN")) return true;
    auto exponent_at = [&](std::size_t i, bool sign_required) {
        if (i >= s.size() || (s[i] != 'e' && s[i] != 'E')) return std::string_view::npos;
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        else if (sign_required) return std::string_view::npos;
        auto end = span_of(s, i, is_digit);
        return end > i ? end : std::string_view::npos;
    };
    if (s[0] == '.') {
        if (signed_) return false;
        auto end = span_of(s, 1, is_digit_or_underscore);
        if (end == 1) return false;
        if (end == s.size()) return true;
        return exponent_at(end, true) == s.size();
    }
    if (!is_digit(s[0])) return false;
    auto int_end = span_of(s, 1, is_digit_or_underscore);
    if (int_end == s.size()) return false;
    if (s[int_end] == '.') {
        auto frac_end = span_of(s, int_end + 1, is_digit_or_underscore);
        return frac_end == s.size() || exponent_at(frac_end, false) == s.size();
    }
    if (s[int_end] == 'e' || s[int_end] == 'E') return exponent_at(int_end, false) == s.size();
    if (s[int_end] == ':') {
        auto tail = sexagesimal_tail(s, int_end);
        if (tail == std::string_view::npos || tail >= s.size() || s[tail] != '.') {
            // the sexagesimal tail is greedy; a float needs a '.' after it
            return false;
        }
        return span_of(s, tail + 1, is_digit_or_underscore) == s.size();
    }
    return false;
}

std::string without_underscores(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (char c : s)
        if (c != '_') out += c;
    return out;
}

// Python's int(..., base) of the digits; nullopt when it does not fit.
std::optional<std::int64_t> parse_int(const std::string& digits, int base)
{
    if (digits.empty()) return std::nullopt;
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(digits.c_str(), &end, base);
    if (errno == ERANGE || *end != '\0') return std::nullopt;
    return v;
}

std::optional<node> construct_int(std::string_view text, const origin& where)
{
    std::string value = without_underscores(text);
    int sign = 1;
    if (!value.empty() && (value[0] == '-' || value[0] == '+')) {
        if (value[0] == '-') sign = -1;
        value.erase(0, 1);
    }
    std::optional<std::int64_t> v;
    if (value == "0") v = 0;
    else if (value.rfind("0b", 0) == 0) v = parse_int(value.substr(2), 2);
    else if (value.rfind("0x", 0) == 0) v = parse_int(value.substr(2), 16);
    else if (value[0] == '0') v = parse_int(value, 8);
    else if (value.find(':') != std::string::npos) {
        // Base 60 (YAML 1.1): 1:30 is 90. Past int64 it does not fit, as the other forms.
        std::int64_t total = 0;
        std::size_t start = 0;
        bool fits = true;
        while (fits && start <= value.size()) {
            auto colon = value.find(':', start);
            auto part = parse_int(value.substr(start, colon == std::string::npos ? std::string::npos : colon - start), 10);
            fits = part && !__builtin_mul_overflow(total, 60, &total) && !__builtin_add_overflow(total, *part, &total);
            if (colon == std::string::npos) break;
            start = colon + 1;
        }
        if (fits) v = total;
    } else v = parse_int(value, 10);
    if (!v) return std::nullopt;
    return node::integer(sign * *v, where);
}

node construct_float(std::string_view text, const origin& where)
{
    std::string value = without_underscores(text);
    for (auto& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    double sign = 1;
    if (!value.empty() && (value[0] == '-' || value[0] == '+')) {
        if (value[0] == '-') sign = -1;
        value.erase(0, 1);
    }
    if (value == ".inf") return node::floating(sign * std::numeric_limits<double>::infinity(), where);
    if (value == ".nan") return node::floating(std::numeric_limits<double>::quiet_NaN(), where);
    if (value.find(':') != std::string::npos) {
        double total = 0;
        std::size_t start = 0;
        while (true) {
            auto colon = value.find(':', start);
            auto part = value.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
            total = total * 60 + std::strtod(part.c_str(), nullptr);
            if (colon == std::string::npos) break;
            start = colon + 1;
        }
        return node::floating(sign * total, where);
    }
    return node::floating(sign * std::strtod(value.c_str(), nullptr), where);
}

}  // namespace

node type_plain_yaml_scalar(std::string_view text, origin where)
{
    if (yaml_null(text)) return node::null(std::move(where));
    if (auto b = yaml_bool(text)) return node::boolean(*b, std::move(where));
    if (!text.empty() && (is_digit(text[0]) || text[0] == '-' || text[0] == '+' || text[0] == '.')) {
        if (matches_yaml_float(text)) return construct_float(text, where);
        if (matches_yaml_int(text))
            if (auto v = construct_int(text, where)) return *v;
    }
    return node::string(std::string(text), std::move(where));
}

bool plain_yaml_scalar_is_string(std::string_view text)
{
    return type_plain_yaml_scalar(text, {}).is_string();
}

}  // namespace ngd::config
