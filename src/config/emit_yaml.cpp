#include "config/emit.hpp"

#include "config/python_text.hpp"
#include "config/scalar_typing.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <vector>

namespace ngd::config {

namespace {

std::u32string decode_utf8(std::string_view s)
{
    std::u32string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        char32_t cp = c;
        std::size_t len = 1;
        if (c >= 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else if (c >= 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xC0) {
            len = 2;
            cp = c & 0x1F;
        }
        if (i + len > s.size()) {
            len = 1;
            cp = c;
        } else {
            for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        }
        out.push_back(cp);
        i += len;
    }
    return out;
}

std::string encode_utf8(char32_t cp)
{
    std::string out;
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

std::string encode_utf8(std::u32string_view s)
{
    std::string out;
    for (auto c : s) out += encode_utf8(c);
    return out;
}

bool is_break(char32_t c) { return c == U'\n' || c == 0x85 || c == 0x2028 || c == 0x2029; }
bool is_space_or_end(char32_t c) { return c == 0 || c == U' ' || c == U'\t' || c == U'\r' || is_break(c); }

struct analysis {
    bool empty = false, multiline = false;
    bool allow_flow_plain = true, allow_block_plain = true, allow_single_quoted = true, allow_double_quoted = true;
};

// PyYAML's indicator sets, as switches: analyze() asks them of every character.
bool is_leading_indicator(char32_t c)
{
    switch (c) {
    case U'#': case U',': case U'[': case U']': case U'{': case U'}': case U'&': case U'*': case U'!':
    case U'|': case U'>': case U'\'': case U'"': case U'%': case U'@': case U'`':
        return true;
    default:
        return false;
    }
}

bool is_flow_indicator(char32_t c)
{
    switch (c) {
    case U',': case U'?': case U'[': case U']': case U'{': case U'}':
        return true;
    default:
        return false;
    }
}

// PyYAML's Emitter.analyze_scalar.
analysis analyze(const std::u32string& s)
{
    analysis a;
    if (s.empty()) {
        a.empty = true;
        a.allow_flow_plain = false;
        return a;
    }
    bool block_ind = false, flow_ind = false, line_breaks = false, special = false;
    bool leading_space = false, leading_break = false, trailing_space = false, trailing_break = false;
    bool break_space = false, space_break = false;
    auto starts = [&](std::u32string_view p) { return s.compare(0, p.size(), p) == 0; };
    if (starts(U"---") || starts(U"...")) block_ind = flow_ind = true;
    bool preceded_ws = true;
    bool followed_ws = s.size() == 1 || is_space_or_end(s[1]);
    bool prev_space = false, prev_break = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char32_t ch = s[i];
        if (i == 0) {
            if (is_leading_indicator(ch)) flow_ind = block_ind = true;
            if (ch == U'?' || ch == U':') {
                flow_ind = true;
                if (followed_ws) block_ind = true;
            }
            if (ch == U'-' && followed_ws) flow_ind = block_ind = true;
        } else {
            if (is_flow_indicator(ch)) flow_ind = true;
            if (ch == U':') {
                flow_ind = true;
                if (followed_ws) block_ind = true;
            }
            if (ch == U'#' && preceded_ws) flow_ind = block_ind = true;
        }
        if (is_break(ch)) line_breaks = true;
        if (!(ch == U'\n' || (ch >= 0x20 && ch <= 0x7E))) {
            bool unicode = (ch == 0x85 || (ch >= 0xA0 && ch <= 0xD7FF) || (ch >= 0xE000 && ch <= 0xFFFD) ||
                            (ch >= 0x10000 && ch < 0x10FFFF)) && ch != 0xFEFF;
            if (!unicode) special = true;
        }
        if (ch == U' ') {
            if (i == 0) leading_space = true;
            if (i == s.size() - 1) trailing_space = true;
            if (prev_break) break_space = true;
            prev_space = true;
            prev_break = false;
        } else if (is_break(ch)) {
            if (i == 0) leading_break = true;
            if (i == s.size() - 1) trailing_break = true;
            if (prev_space) space_break = true;
            prev_space = false;
            prev_break = true;
        } else {
            prev_space = prev_break = false;
        }
        preceded_ws = is_space_or_end(ch);
        followed_ws = i + 2 >= s.size() || is_space_or_end(s[i + 2]);
    }
    if (leading_space || leading_break || trailing_space || trailing_break) a.allow_flow_plain = a.allow_block_plain = false;
    if (break_space) a.allow_flow_plain = a.allow_block_plain = a.allow_single_quoted = false;
    if (space_break || special) a.allow_flow_plain = a.allow_block_plain = a.allow_single_quoted = false;
    if (line_breaks) a.allow_flow_plain = a.allow_block_plain = false;
    if (flow_ind) a.allow_flow_plain = false;
    if (block_ind) a.allow_block_plain = false;
    a.multiline = line_breaks;
    return a;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// PyYAML's timestamp resolver: YYYY-MM-DD, or with a time part.
bool yaml_timestamp(std::string_view s)
{
    auto digits = [&](std::size_t& i, std::size_t min, std::size_t max) {
        std::size_t n = 0;
        while (i < s.size() && is_digit(s[i]) && n < max) {
            ++i;
            ++n;
        }
        return n >= min;
    };
    std::size_t i = 0;
    if (!digits(i, 4, 4) || i >= s.size() || s[i++] != '-') return false;
    std::size_t before = i;
    if (!digits(i, 1, 2) || i >= s.size() || s[i++] != '-') return false;
    bool short_form = (i - before) == 3;
    before = i;
    if (!digits(i, 1, 2)) return false;
    short_form = short_form && (i - before) == 2;
    if (i == s.size()) return short_form;
    // time part: ([Tt]|[ \t]+) HH:MM:SS (.frac)? (tz)?
    if (s[i] == 'T' || s[i] == 't') ++i;
    else {
        std::size_t spaces = i;
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
        if (i == spaces) return false;
    }
    if (!digits(i, 1, 2) || i >= s.size() || s[i++] != ':') return false;
    if (!digits(i, 2, 2) || i >= s.size() || s[i++] != ':') return false;
    if (!digits(i, 2, 2)) return false;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && is_digit(s[i])) ++i;
    }
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    if (i == s.size()) return true;
    if (s[i] == 'Z') return i + 1 == s.size();
    if (s[i] != '+' && s[i] != '-') return false;
    ++i;
    if (!digits(i, 1, 2)) return false;
    if (i < s.size() && s[i] == ':') {
        ++i;
        if (!digits(i, 2, 2)) return false;
    }
    return i == s.size();
}

// PyYAML's own float resolver (the Dumper has no OmegaConf extra form).
bool pyyaml_float(std::string_view text)
{
    // [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)? | \.[0-9_]+(?:[eE][-+][0-9]+)?
    // | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]* | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
    std::string_view s = text;
    bool sign = !s.empty() && (s[0] == '-' || s[0] == '+');
    if (sign) s.remove_prefix(1);
    if (s == ".inf" || s == ".Inf" || s == ".INF") return true;
    if (!sign && (s == ".nan" || s == ".NaN" || s == ".NAN")) return true;
    auto exp_ok = [&](std::size_t i) {
        if (i == s.size()) return true;
        if (s[i] != 'e' && s[i] != 'E') return false;
        ++i;
        if (i >= s.size() || (s[i] != '-' && s[i] != '+')) return false;
        ++i;
        std::size_t from = i;
        while (i < s.size() && is_digit(s[i])) ++i;
        return i > from && i == s.size();
    };
    std::size_t i = 0;
    if (!s.empty() && s[0] == '.') {
        if (sign) return false;
        i = 1;
        std::size_t from = i;
        while (i < s.size() && (is_digit(s[i]) || s[i] == '_')) ++i;
        return i > from && exp_ok(i);
    }
    if (s.empty() || !is_digit(s[0])) return false;
    while (i < s.size() && (is_digit(s[i]) || s[i] == '_')) ++i;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && (is_digit(s[i]) || s[i] == '_')) ++i;
        return exp_ok(i);
    }
    if (i < s.size() && s[i] == ':') {
        while (i < s.size() && s[i] == ':') {
            ++i;
            std::size_t from = i;
            while (i < s.size() && is_digit(s[i]) && i - from < 2) ++i;
            if (i == from) return false;
        }
        if (i >= s.size() || s[i] != '.') return false;
        ++i;
        while (i < s.size() && (is_digit(s[i]) || s[i] == '_')) ++i;
        return i == s.size();
    }
    return false;
}

// Python's int(s) / float(s) accept these (OmegaConf quotes such strings).
bool python_int_parses(std::string_view s)
{
    std::size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
    s = s.substr(a, b - a);
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
    if (s.empty() || !is_digit(s[0]) || !is_digit(s.back())) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (is_digit(s[i])) continue;
        if (s[i] == '_' && is_digit(s[i + 1]) && is_digit(s[i - 1])) continue;
        return false;
    }
    return true;
}

bool python_float_parses(std::string_view s)
{
    std::size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
    s = s.substr(a, b - a);
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
    std::string lower;
    for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "inf" || lower == "infinity" || lower == "nan") return true;
    // digits with single underscores between digits, optional fraction, optional exponent
    std::size_t i = 0;
    auto digit_run = [&](std::size_t& k) {
        std::size_t from = k;
        while (k < s.size()) {
            if (is_digit(s[k])) ++k;
            else if (s[k] == '_' && k > from && k + 1 < s.size() && is_digit(s[k + 1]) && is_digit(s[k - 1])) ++k;
            else break;
        }
        return k > from;
    };
    bool int_part = digit_run(i);
    bool frac_part = false;
    if (i < s.size() && s[i] == '.') {
        ++i;
        frac_part = digit_run(i);
    }
    if (!int_part && !frac_part) return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        if (!digit_run(i)) return false;
    }
    return i == s.size();
}

bool yaml_bool_word(std::string_view s)
{
    for (auto w : {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false",
                   "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"})
        if (s == w) return true;
    return false;
}

class emitter {
public:
    explicit emitter(const emit_options& o) : options_(o) {}

    std::string document(const node& root)
    {
        value(root, false, false);
        write_indent();
        return std::move(out_);
    }

private:
    void write(std::u32string_view data)
    {
        column_ += static_cast<int>(data.size());
        out_ += encode_utf8(data);
    }
    void write_ascii(std::string_view data)
    {
        column_ += static_cast<int>(data.size());
        out_ += data;
    }

    void write_line_break()
    {
        out_ += '\n';
        whitespace_ = true;
        indention_ = true;
        column_ = 0;
    }

    void write_indent()
    {
        int indent = indent_.value_or(0);
        if (!indention_ || column_ > indent || (column_ == indent && !whitespace_)) write_line_break();
        if (column_ < indent) {
            whitespace_ = true;
            out_.append(static_cast<std::size_t>(indent - column_), ' ');
            column_ = indent;
        }
    }

    void write_indicator(std::string_view indicator, bool need_whitespace, bool whitespace = false,
                         bool indention = false)
    {
        std::string data = (whitespace_ || !need_whitespace) ? std::string(indicator) : " " + std::string(indicator);
        whitespace_ = whitespace;
        indention_ = indention_ && indention;
        write_ascii(data);
    }

    void increase_indent(bool flow, bool indentless = false)
    {
        indents_.push_back(indent_);
        if (!indent_) indent_ = flow ? 2 : 0;
        else if (!indentless) *indent_ += 2;
    }
    void pop_indent()
    {
        indent_ = indents_.back();
        indents_.pop_back();
    }

    void origin_comment(const node& n)
    {
        if (!options_.show_origin) return;
        auto text = n.where().text();
        if (text.empty()) return;
        out_ += "  # " + text;
        column_ += 4 + static_cast<int>(text.size());
        whitespace_ = false;
    }

    void value(const node& n, bool mapping_context, bool simple_key)
    {
        if (n.is_map()) {
            if (n.entries().empty()) return empty_flow("{", "}", n);
            return block_mapping(n);
        }
        if (n.is_list()) {
            if (n.items().empty()) return empty_flow("[", "]", n);
            return block_sequence(n, mapping_context);
        }
        increase_indent(true);
        scalar(n, simple_key);
        pop_indent();
        if (!simple_key) origin_comment(n);
    }

    void empty_flow(std::string_view open, std::string_view close, const node& n)
    {
        write_indicator(open, true, true);
        increase_indent(true);
        pop_indent();
        write_indicator(close, false);
        origin_comment(n);
    }

    void block_mapping(const node& n)
    {
        increase_indent(false);
        for (auto& [key, v] : n.entries()) {
            write_indent();
            node k = node::string(key);
            if (simple_key_allowed(key)) {
                increase_indent(true);
                scalar(k, true);
                pop_indent();
                write_indicator(":", false);
            } else {
                // PyYAML's explicit key form for empty, multi-line or long keys.
                write_indicator("?", true, false, true);
                increase_indent(true);
                scalar(k, false);
                pop_indent();
                write_indent();
                write_indicator(":", true, false, true);
            }
            value(v, true, false);
        }
        pop_indent();
    }

    static bool simple_key_allowed(const std::string& key)
    {
        auto s = decode_utf8(key);
        auto a = analyze(s);
        return s.size() < 128 && !a.empty && !a.multiline;
    }

    void block_sequence(const node& n, bool mapping_context)
    {
        bool indentless = mapping_context && !indention_;
        increase_indent(false, indentless);
        for (auto& item : n.items()) {
            write_indent();
            write_indicator("-", true, false, true);
            value(item, false, false);
        }
        pop_indent();
    }

    void scalar(const node& n, bool simple_key)
    {
        std::string text;
        bool is_str = n.is_string() || n.type() == node::kind::unresolved;
        switch (n.type()) {
        case node::kind::null: text = "null"; break;
        case node::kind::boolean: text = n.as_bool() ? "true" : "false"; break;
        case node::kind::integer: text = std::to_string(n.as_int()); break;
        case node::kind::floating: text = float_text(n.as_float()); break;
        default: text = n.as_string(); break;
        }
        if (!is_str) {
            write_plain(decode_utf8(text), !simple_key);
            return;
        }
        bool forced_single = yaml_bool_word(text) || python_int_parses(text) || python_float_parses(text);
        auto s = decode_utf8(text);
        auto a = analyze(s);
        bool implicit = !plain_resolves_to_non_string(text);
        char style = '"';
        if (!forced_single && implicit && !(simple_key && (a.empty || a.multiline)) && a.allow_block_plain)
            style = 0;
        else if (a.allow_single_quoted && !(simple_key && a.multiline))
            style = '\'';
        bool split = !simple_key;
        if (style == 0) write_plain(s, split);
        else if (style == '\'') write_single_quoted(s, split);
        else write_double_quoted(s, split);
    }

    static std::string float_text(double v)
    {
        if (std::isnan(v)) return ".nan";
        if (std::isinf(v)) return v > 0 ? ".inf" : "-.inf";
        std::string r = python_float_repr(v);
        for (auto& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (r.find('.') == std::string::npos && r.find('e') != std::string::npos) r.replace(r.find('e'), 1, ".0e");
        return r;
    }

    void write_plain(const std::u32string& text, bool split)
    {
        if (text.empty()) return;
        if (!whitespace_) write_ascii(" ");
        whitespace_ = false;
        indention_ = false;
        bool spaces = false, breaks = false;
        std::size_t start = 0, end = 0;
        while (end <= text.size()) {
            char32_t ch = end < text.size() ? text[end] : 0;
            bool at_end = end == text.size();
            if (spaces) {
                if (ch != U' ') {
                    if (start + 1 == end && column_ > 80 && split) {
                        write_indent();
                        whitespace_ = false;
                        indention_ = false;
                    } else {
                        write(std::u32string_view(text).substr(start, end - start));
                    }
                    start = end;
                }
            } else if (breaks) {
                if (at_end || !is_break(ch)) {
                    if (text[start] == U'\n') write_line_break();
                    for (std::size_t k = start; k < end; ++k) {
                        write_line_break();
                    }
                    write_indent();
                    whitespace_ = false;
                    indention_ = false;
                    start = end;
                }
            } else {
                if (at_end || ch == U' ' || is_break(ch)) {
                    write(std::u32string_view(text).substr(start, end - start));
                    start = end;
                }
            }
            if (!at_end) {
                spaces = ch == U' ';
                breaks = is_break(ch);
            }
            ++end;
        }
    }

    void write_single_quoted(const std::u32string& text, bool split)
    {
        write_indicator("'", true);
        bool spaces = false, breaks = false;
        std::size_t start = 0, end = 0;
        while (end <= text.size()) {
            bool at_end = end == text.size();
            char32_t ch = at_end ? 0 : text[end];
            if (spaces) {
                if (at_end || ch != U' ') {
                    if (start + 1 == end && column_ > 80 && split && start != 0 && end != text.size()) {
                        write_indent();
                    } else {
                        write(std::u32string_view(text).substr(start, end - start));
                    }
                    start = end;
                }
            } else if (breaks) {
                if (at_end || !is_break(ch)) {
                    if (text[start] == U'\n') write_line_break();
                    for (std::size_t k = start; k < end; ++k) write_line_break();
                    write_indent();
                    start = end;
                }
            } else {
                if (at_end || ch == U' ' || is_break(ch) || ch == U'\'') {
                    if (start < end) {
                        write(std::u32string_view(text).substr(start, end - start));
                        start = end;
                    }
                }
            }
            if (ch == U'\'' && !at_end) {
                write_ascii("''");
                start = end + 1;
            }
            if (!at_end) {
                spaces = ch == U' ';
                breaks = is_break(ch);
            }
            ++end;
        }
        write_indicator("'", false);
    }

    static std::string escape_of(char32_t ch)
    {
        switch (ch) {
        case 0: return "0";
        case 0x07: return "a";
        case 0x08: return "b";
        case 0x09: return "t";
        case 0x0A: return "n";
        case 0x0B: return "v";
        case 0x0C: return "f";
        case 0x0D: return "r";
        case 0x1B: return "e";
        case U'"': return "\"";
        case U'\\': return "\\";
        case 0x85: return "N";
        case 0xA0: return "_";
        case 0x2028: return "L";
        case 0x2029: return "P";
        default: break;
        }
        char buf[16];
        if (ch <= 0xFF) std::snprintf(buf, sizeof buf, "x%02X", static_cast<unsigned>(ch));
        else if (ch <= 0xFFFF) std::snprintf(buf, sizeof buf, "u%04X", static_cast<unsigned>(ch));
        else std::snprintf(buf, sizeof buf, "U%08X", static_cast<unsigned>(ch));
        return buf;
    }

    void write_double_quoted(const std::u32string& text, bool split)
    {
        write_indicator("\"", true);
        std::size_t start = 0, end = 0;
        while (end <= text.size()) {
            bool at_end = end == text.size();
            char32_t ch = at_end ? 0 : text[end];
            bool needs_escape = !at_end && (ch == U'"' || ch == U'\\' || ch == 0x85 || ch == 0x2028 || ch == 0x2029 ||
                                            ch == 0xFEFF ||
                                            !((ch >= 0x20 && ch <= 0x7E) || (ch >= 0xA0 && ch <= 0xD7FF) ||
                                              (ch >= 0xE000 && ch <= 0xFFFD)));
            if (at_end || needs_escape) {
                if (start < end) {
                    write(std::u32string_view(text).substr(start, end - start));
                    start = end;
                }
                if (!at_end) {
                    write_ascii("\\" + escape_of(ch));
                    start = end + 1;
                }
            }
            if (end > 0 && end + 1 < text.size() && (ch == U' ' || start >= end) &&
                column_ + static_cast<int>(end - start) > 80 && split) {
                std::u32string data = (start < end ? text.substr(start, end - start) : std::u32string()) + U"\\";
                if (start < end) start = end;
                write(data);
                write_indent();
                whitespace_ = false;
                indention_ = false;
                if (text[start] == U' ') {
                    write_ascii("\\");
                }
            }
            ++end;
        }
        write_indicator("\"", false);
    }

    const emit_options& options_;
    std::string out_;
    int column_ = 0;
    bool whitespace_ = true;
    bool indention_ = true;
    std::optional<int> indent_;
    std::vector<std::optional<int>> indents_;
};

}  // namespace

bool plain_resolves_to_non_string(std::string_view text)
{
    if (!plain_yaml_scalar_is_string(text)) {
        // OmegaConf's loader types "1e3" as a float, PyYAML's Dumper does not: only PyYAML's
        // own forms count here.
        auto typed = type_plain_yaml_scalar(text, {});
        if (typed.type() != node::kind::floating) return true;
        return pyyaml_float(text);
    }
    if (text == "<<" || text == "=") return true;
    return yaml_timestamp(text);
}

std::string to_yaml(const node& root, const emit_options& options)
{
    emitter e(options);
    return e.document(root);
}

}  // namespace ngd::config
