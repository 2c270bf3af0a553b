#include "config/interpolation_grammar.hpp"
#include "config/limits.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace ngd::config::grammar {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_id_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }
// OmegaConf's INTER_KEY: anything but these.
bool is_key_char(char c)
{
    switch (c) {
    case '\\': case '{': case '}': case '(': case ')': case '[': case ']': case ':': case '.':
    case ' ': case '\t': case '\'': case '"': case '$':
        return false;
    default: return true;
    }
}

// digits with single underscores between them: DIGIT (('_')? DIGIT)*
std::size_t digits_with_underscores(std::string_view s, std::size_t i)
{
    if (i >= s.size() || !is_digit(s[i])) return std::string_view::npos;
    ++i;
    while (i < s.size()) {
        if (is_digit(s[i])) ++i;
        else if (s[i] == '_' && i + 1 < s.size() && is_digit(s[i + 1])) i += 2;
        else break;
    }
    return i;
}

std::size_t int_unsigned(std::string_view s, std::size_t i)
{
    if (i < s.size() && s[i] == '0') return i + 1;
    if (i < s.size() && s[i] >= '1' && s[i] <= '9') return digits_with_underscores(s, i);
    return std::string_view::npos;
}

bool iequals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

std::string strip_underscores(std::string_view s)
{
    std::string out;
    for (char c : s)
        if (c != '_') out += c;
    return out;
}

class parser {
public:
    explicit parser(std::string_view text) : s_(text) {}

    pieces top_level(char quote = 0)
    {
        pieces out;
        std::string text;
        while (i_ < s_.size()) {
            char c = s_[i_];
            if (quote && c == quote) break;
            if (c == '\\') {
                std::size_t run = 0;
                while (i_ + run < s_.size() && s_[i_ + run] == '\\') ++run;
                bool before_inter = s_.substr(i_ + run, 2) == "${";
                bool before_quote = quote && i_ + run < s_.size() && s_[i_ + run] == quote;
                if (before_inter || before_quote) {
                    text.append(run / 2, '\\');
                    i_ += run;
                    if (run % 2 == 1) {
                        if (before_inter) {
                            text += "${";
                            i_ += 2;
                        } else {
                            text += quote;
                            i_ += 1;
                        }
                    }
                    continue;
                }
                text.append(run, '\\');
                i_ += run;
                continue;
            }
            if (c == '$' && s_.substr(i_, 2) == "${") {
                if (!text.empty()) out.push_back({std::move(text), nullptr});
                text.clear();
                out.push_back({"", parse_interpolation()});
                continue;
            }
            text += c;
            ++i_;
        }
        if (!text.empty()) out.push_back({std::move(text), nullptr});
        return out;
    }

    bool at_end() const { return i_ >= s_.size(); }
    std::size_t pos() const { return i_; }
    void advance() { ++i_; }

    element element_until(std::string_view stops)
    {
        skip_spaces();
        if (i_ < s_.size() && s_[i_] == '[') return list();
        if (i_ < s_.size() && s_[i_] == '{') return dict();
        if (i_ < s_.size() && (s_[i_] == '\'' || s_[i_] == '"')) {
            char q = s_[i_++];
            element e;
            e.type = element::kind::quoted;
            e.parts = top_level(q);
            if (i_ >= s_.size()) fail();
            ++i_;
            skip_spaces();
            return e;
        }
        element e;
        std::string text;
        while (i_ < s_.size() && stops.find(s_[i_]) == std::string_view::npos) {
            char c = s_[i_];
            if (c == '$' && s_.substr(i_, 2) == "${") {
                if (!text.empty()) e.parts.push_back({std::move(text), nullptr});
                text.clear();
                e.parts.push_back({"", parse_interpolation()});
                continue;
            }
            if (c == '\\' && i_ + 1 < s_.size()) {
                text += s_[i_ + 1];
                i_ += 2;
                continue;
            }
            if (c == '[' || c == ']' || c == '{' || c == '}' || c == '(' || c == ')' || c == '\'' || c == '"')
                fail();
            text += c;
            ++i_;
        }
        if (!text.empty()) e.parts.push_back({std::move(text), nullptr});
        trim(e.parts);
        return e;
    }

    void fail() const
    {
        throw parse_error{"no viable alternative at input '" + std::string(s_.substr(start_)) + "'"};
    }

    std::shared_ptr<interpolation> parse_interpolation()
    {
        std::size_t open = i_;
        if (depth_ == 0) start_ = open;
        if (static_cast<std::size_t>(++depth_) > limits::max_interpolation_depth)
            throw parse_error{"interpolations nested deeper than " + std::to_string(limits::max_interpolation_depth) +
                              " levels (ngdoctor's limit)"};
        i_ += 2;
        auto inter = std::make_shared<interpolation>();
        skip_spaces();
        std::size_t name_start = i_;
        while (i_ < s_.size() && (is_id_char(s_[i_]) || s_[i_] == '.')) ++i_;
        std::string name(s_.substr(name_start, i_ - name_start));
        skip_spaces();
        bool valid_name = !name.empty() && name.front() != '.' && name.back() != '.' &&
                          name.find("..") == std::string::npos &&
                          !is_digit(name.front()) && name.front() != '-';
        if (i_ < s_.size() && s_[i_] == ':' && valid_name) {
            ++i_;
            inter->is_resolver = true;
            inter->name = name;
            resolver_args(*inter);
        } else {
            i_ = name_start;
            node_path(*inter);
        }
        if (i_ >= s_.size() || s_[i_] != '}') fail();
        ++i_;
        inter->source = std::string(s_.substr(open, i_ - open));
        --depth_;
        return inter;
    }

    void node_path(interpolation& inter)
    {
        while (i_ < s_.size() && s_[i_] == '.') {
            ++inter.dots;
            ++i_;
        }
        bool first = true;
        while (true) {
            key_part k;
            if (i_ < s_.size() && s_[i_] == '[') {
                ++i_;
                k.bracket = true;
                k.parts = key_parts();
                if (i_ >= s_.size() || s_[i_] != ']') fail();
                ++i_;
            } else if (first || (i_ < s_.size() && s_[i_] == '.')) {
                if (!first) ++i_;
                k.parts = key_parts();
            } else {
                break;
            }
            inter.keys.push_back(std::move(k));
            first = false;
        }
        skip_spaces();
    }

    pieces key_parts()
    {
        pieces out;
        if (s_.substr(i_, 2) == "${") {
            out.push_back({"", parse_interpolation()});
            return out;
        }
        std::size_t from = i_;
        while (i_ < s_.size() && is_key_char(s_[i_])) ++i_;
        if (i_ == from) fail();
        out.push_back({std::string(s_.substr(from, i_ - from)), nullptr});
        return out;
    }

    void resolver_args(interpolation& inter)
    {
        skip_spaces();
        if (i_ < s_.size() && s_[i_] == '}') return;
        sequence(inter.args, '}');
    }

    void sequence(std::vector<element>& out, char closer)
    {
        std::string stops = std::string(",") + closer;
        while (true) {
            out.push_back(element_until(stops));
            if (i_ >= s_.size()) fail();
            if (s_[i_] == ',') {
                ++i_;
                continue;
            }
            if (s_[i_] == closer) return;
            fail();
        }
    }

    element list()
    {
        ++i_;
        element e;
        e.type = element::kind::list;
        skip_spaces();
        if (i_ < s_.size() && s_[i_] == ']') {
            ++i_;
            skip_spaces();
            return e;
        }
        sequence(e.items, ']');
        ++i_;
        skip_spaces();
        return e;
    }

    element dict()
    {
        ++i_;
        element e;
        e.type = element::kind::dict;
        skip_spaces();
        if (i_ < s_.size() && s_[i_] == '}') {
            ++i_;
            skip_spaces();
            return e;
        }
        while (true) {
            skip_spaces();
            std::size_t from = i_;
            while (i_ < s_.size() && s_[i_] != ':' && s_[i_] != ',' && s_[i_] != '}') ++i_;
            std::string key(s_.substr(from, i_ - from));
            while (!key.empty() && is_space(key.back())) key.pop_back();
            if (key.empty() || i_ >= s_.size() || s_[i_] != ':') fail();
            ++i_;
            e.entries.push_back({std::move(key), element_until(",}")});
            if (i_ >= s_.size()) fail();
            if (s_[i_] == ',') {
                ++i_;
                continue;
            }
            ++i_;
            skip_spaces();
            return e;
        }
    }

    void skip_spaces()
    {
        while (i_ < s_.size() && is_space(s_[i_])) ++i_;
    }

private:
    static void trim(pieces& parts)
    {
        if (!parts.empty() && !parts.front().inter) {
            auto& t = parts.front().text;
            std::size_t k = 0;
            while (k < t.size() && is_space(t[k])) ++k;
            t.erase(0, k);
        }
        if (!parts.empty() && !parts.back().inter) {
            auto& t = parts.back().text;
            while (!t.empty() && is_space(t.back())) t.pop_back();
        }
        std::erase_if(parts, [](const piece& p) { return !p.inter && p.text.empty(); });
    }

    std::string_view s_;
    std::size_t i_ = 0;
    std::size_t start_ = 0;
    int depth_ = 0;
};

}  // namespace

pieces parse_string(std::string_view text)
{
    parser p(text);
    return p.top_level();
}

element parse_element_text(std::string_view text)
{
    parser p(text);
    element e = p.element_until("");
    if (!p.at_end()) p.fail();
    return e;
}

interpolation parse_node_path(std::string_view text)
{
    std::string wrapped = "${" + std::string(text) + "}";
    parser p(wrapped);
    auto inter = p.parse_interpolation();
    if (!p.at_end() || inter->is_resolver) throw parse_error{"no viable alternative at input '" + wrapped + "'"};
    return *inter;
}

typed_primitive type_grammar_primitive(std::string_view s)
{
    typed_primitive t;
    if (iequals(s, "null")) {
        t.type = typed_primitive::kind::null;
        return t;
    }
    if (iequals(s, "true") || iequals(s, "false")) {
        t.type = typed_primitive::kind::boolean;
        t.b = iequals(s, "true");
        return t;
    }
    std::size_t i = 0;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) i = 1;
    auto rest = s.substr(i);
    if (iequals(rest, "inf") || iequals(rest, "nan")) {
        t.type = typed_primitive::kind::floating;
        double v = iequals(rest, "inf") ? std::numeric_limits<double>::infinity()
                                         : std::numeric_limits<double>::quiet_NaN();
        t.f = (s[0] == '-') ? -v : v;
        return t;
    }
    auto int_end = int_unsigned(s, i);
    if (int_end == s.size()) {
        auto digits = strip_underscores(s);
        errno = 0;
        char* end = nullptr;
        long long v = std::strtoll(digits.c_str(), &end, 10);
        if (errno == 0) {
            t.type = typed_primitive::kind::integer;
            t.i = v;
        }
        return t;
    }
    // POINT_FLOAT: INT_UNSIGNED? '.' DIGITS | INT_UNSIGNED '.'; EXPONENT_FLOAT: (INT|POINT) [eE][+-]?DIGITS
    std::size_t j = int_end == std::string_view::npos ? i : int_end;
    bool had_int = int_end != std::string_view::npos;
    bool point = false;
    if (j < s.size() && s[j] == '.') {
        point = true;
        ++j;
        auto frac = digits_with_underscores(s, j);
        if (frac != std::string_view::npos) j = frac;
        else if (!had_int) return t;
    } else if (!had_int) {
        return t;
    }
    if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
        ++j;
        if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
        auto exp = digits_with_underscores(s, j);
        if (exp == std::string_view::npos) return t;
        j = exp;
    } else if (!point) {
        return t;
    }
    if (j != s.size()) return t;
    t.type = typed_primitive::kind::floating;
    t.f = std::strtod(strip_underscores(s).c_str(), nullptr);
    return t;
}

}  // namespace ngd::config::grammar
