#include "triage/unwrap.hpp"

#include <boost/json.hpp>

namespace ngd::triage {
namespace json = boost::json;

namespace {

constexpr std::string_view marker = "Hit an exception in ";
constexpr std::string_view calling = " calling an inner server: b";
constexpr int deepest = 12;  // more wrapping than any chain of servers makes

void append_utf8(std::string& out, unsigned code)
{
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// The value of `count` hex digits at `at`, or -1.
long hex_at(std::string_view text, std::size_t at, std::size_t count)
{
    if (at + count > text.size()) return -1;
    long value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const int digit = hex_value(text[at + i]);
        if (digit < 0) return -1;
        value = value * 16 + digit;
    }
    return value;
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n'))
        text.remove_suffix(1);
    return text;
}

/// Where a quoted literal opened just before `from` ends: the first `quote` not escaped.
std::size_t closing_quote(std::string_view text, std::size_t from, char quote)
{
    for (std::size_t i = from; i < text.size(); ++i) {
        if (text[i] == '\\') {
            ++i;
            continue;
        }
        if (text[i] == quote) return i;
    }
    return std::string_view::npos;
}

/// A literal read at the right level of escaping ends where the text around it goes on:
/// the end, a quote of an outer literal, or JSON punctuation — never inside a word.
bool ends_cleanly(std::string_view text, std::size_t close)
{
    if (close == std::string_view::npos || close + 1 >= text.size()) return true;
    const char next = text[close + 1];
    return next == '"' || next == '\'' || next == '\\' || next == ',' || next == '}' || next == ']' ||
           next == ')' || next == ' ' || next == '\t' || next == '\r' || next == '\n';
}

/// One peeled layer: the body inside `b'...'`, read as what the next server sent.
struct layer {
    hop from;
    std::string inner;  ///< the next text to peel, or the innermost body
    bool more = false;  ///< `inner` is a JSON string: another server's message
};

/// Reads the layer whose marker starts at `at`, when the text is at the level of escaping
/// the layer was written in; nullopt when it is not (the caller unescapes and retries).
std::optional<layer> read_layer(std::string_view text, std::size_t at)
{
    const std::size_t name_at = at + marker.size();
    const std::size_t name_end = text.find(calling, name_at);
    if (name_end == std::string_view::npos || name_end - name_at > 200) return std::nullopt;
    const std::size_t quote_at = name_end + calling.size();
    if (quote_at >= text.size() || (text[quote_at] != '\'' && text[quote_at] != '"')) return std::nullopt;
    const std::size_t close = closing_quote(text, quote_at + 1, text[quote_at]);
    if (!ends_cleanly(text, close)) return std::nullopt;

    layer l;
    const std::string_view name = text.substr(name_at, name_end - name_at);
    const std::size_t split = name.find("___");
    l.from.adapter = std::string(name.substr(0, split));
    if (split != std::string_view::npos) l.from.server_key = std::string(name.substr(split + 3));
    const std::size_t content_end = close == std::string_view::npos ? text.size() : close;
    l.inner = unescape_once(text.substr(quote_at + 1, content_end - quote_at - 1));

    const std::string_view body = trimmed(l.inner);
    // Still escaped: the literal was read one level too high (its quotes were not its own).
    if (body.starts_with("\\") || body.starts_with("{\\\"")) return std::nullopt;
    if (!body.starts_with('"') && body.find(marker) != std::string_view::npos) return std::nullopt;
    if (body.starts_with('"')) {
        // The next server's body: a JSON string holding its own message.
        json::error_code ec;
        const json::value v = json::parse(body, ec);
        if (ec || !v.is_string()) return std::nullopt;
        l.inner = std::string(v.as_string());
        l.more = true;
    }
    return l;
}

std::string string_at(const json::object& o, std::string_view key)
{
    const auto* v = o.if_contains(key);
    if (!v) return {};
    if (v->is_string()) return std::string(v->as_string());
    if (v->is_null()) return {};
    return json::serialize(*v);
}

std::optional<int> int_at(const json::object& o, std::string_view key)
{
    const auto* v = o.if_contains(key);
    if (!v) return std::nullopt;
    if (v->is_int64()) return static_cast<int>(v->as_int64());
    if (v->is_uint64()) return static_cast<int>(v->as_uint64());
    if (v->is_string()) {
        const std::string s(v->as_string());
        if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos && s.size() < 5) return std::stoi(s);
    }
    return std::nullopt;
}

upstream_error from_object(const json::object& envelope)
{
    upstream_error e;
    const json::object* err = &envelope;
    if (const auto* inner = envelope.if_contains("error"); inner && inner->is_object()) err = &inner->as_object();
    e.code = int_at(*err, "code");
    e.message = string_at(*err, "message");
    if (const auto* m = err->if_contains("metadata"); m && m->is_object()) {
        e.provider = string_at(m->as_object(), "provider_name");
        e.raw = string_at(m->as_object(), "raw");
    }
    for (const json::object* holder : {err, &envelope})
        if (const auto* a = holder->if_contains("availability"); a && a->is_object() && e.availability_code.empty()) {
            e.availability_code = string_at(a->as_object(), "code");
            if (const auto* f = a->as_object().if_contains("fallback_models"); f && f->is_array())
                for (const auto& m : f->as_array())
                    if (m.is_string()) e.fallback_models.emplace_back(m.as_string());
        }
    if (const auto* f = err->if_contains("fallback_models"); f && f->is_array() && e.fallback_models.empty())
        for (const auto& m : f->as_array())
            if (m.is_string()) e.fallback_models.emplace_back(m.as_string());
    return e;
}

/// The balanced `{...}` starting at `at` (strings and escapes respected); "" when cut off.
std::string_view balanced_object(std::string_view text, std::size_t at)
{
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = at; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '{') ++depth;
        else if (c == '}' && --depth == 0) return text.substr(at, i - at + 1);
    }
    return {};
}

/// The string after `"key":"` up to its closing quote (or the end of a cut-off body).
std::string lenient_string(std::string_view text, std::string_view key)
{
    const std::string needle = "\"" + std::string(key) + "\":";
    std::size_t at = text.find(needle);
    if (at == std::string_view::npos) return {};
    at += needle.size();
    while (at < text.size() && text[at] == ' ') ++at;
    if (at >= text.size() || text[at] != '"') return {};
    const std::size_t close = closing_quote(text, at + 1, '"');
    const std::size_t end = close == std::string_view::npos ? text.size() : close;
    return unescape_once(text.substr(at + 1, end - at - 1));
}

std::optional<int> lenient_int(std::string_view text, std::string_view key)
{
    const std::string needle = "\"" + std::string(key) + "\":";
    std::size_t at = text.find(needle);
    if (at == std::string_view::npos) return std::nullopt;
    at += needle.size();
    while (at < text.size() && text[at] == ' ') ++at;
    int value = 0, digits = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9' && digits < 4) value = value * 10 + (text[at++] - '0'), ++digits;
    if (digits == 0) return std::nullopt;
    return value;
}

std::optional<upstream_error> envelope_at(std::string_view text, std::size_t at)
{
    const std::string_view whole = balanced_object(text, at);
    if (!whole.empty()) {
        json::error_code ec;
        const json::value v = json::parse(whole, ec);
        if (!ec && v.is_object()) return from_object(v.as_object());
    }
    // Cut off (a retry line keeps 200 characters of the body): read what is there.
    const std::string_view rest = text.substr(at);
    upstream_error e;
    e.message = lenient_string(rest, "message");
    e.code = lenient_int(rest, "code");
    e.provider = lenient_string(rest, "provider_name");
    if (e.message.empty() && !e.code) return std::nullopt;
    return e;
}

}  // namespace

std::string unescape_once(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c != '\\' || i + 1 == text.size()) {
            out += c;
            continue;
        }
        const char e = text[++i];
        switch (e) {
        case '\\': out += '\\'; break;
        case '"': out += '"'; break;
        case '\'': out += '\''; break;
        case '/': out += '/'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'x': {
            const long v = hex_at(text, i + 1, 2);
            if (v < 0) {
                out += "\\x";
                break;
            }
            out += static_cast<char>(v);  // a byte of a bytes repr, UTF-8 or not
            i += 2;
            break;
        }
        case 'u': {
            long v = hex_at(text, i + 1, 4);
            if (v < 0) {
                out += "\\u";
                break;
            }
            i += 4;
            // A surrogate pair is one character.
            if (v >= 0xD800 && v < 0xDC00 && i + 6 < text.size() + 0 && text.substr(i + 1, 2) == "\\u") {
                const long low = hex_at(text, i + 3, 4);
                if (low >= 0xDC00 && low < 0xE000) {
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00);
                    i += 6;
                }
            }
            append_utf8(out, static_cast<unsigned>(v));
            break;
        }
        default:
            out += '\\';
            out += e;
            break;
        }
    }
    return out;
}

unwrapped unwrap(std::string_view text)
{
    unwrapped result;
    std::string current(text);
    for (int level = 0; level < deepest; ++level) {
        const std::size_t at = current.find(marker);
        if (at == std::string::npos) break;
        auto l = read_layer(current, at);
        if (!l) {
            // The text is at a deeper level of escaping than the layer (a JSON field, a
            // repr, a JSON string): take one level off and read it again.
            std::string peeled = unescape_once(std::string_view(current).substr(at));
            if (peeled == std::string_view(current).substr(at)) break;
            current = std::move(peeled);
            continue;
        }
        result.hops.push_back(std::move(l->from));
        result.found_wrapping = true;
        current = std::move(l->inner);
        if (!l->more) break;
    }
    result.body = result.found_wrapping ? std::string(trimmed(current)) : std::string(text);
    result.error = read_error_envelope(result.body);
    return result;
}

std::optional<upstream_error> read_error_envelope(std::string_view text)
{
    std::string current(text);
    for (int level = 0; level < deepest; ++level) {
        for (const std::string_view opening : {std::string_view("{\"error\":"), std::string_view("{\"error\" :"),
                                               std::string_view("{\"object\":\"error\"")}) {
            const std::size_t at = current.find(opening);
            if (at != std::string::npos) return envelope_at(current, at);
        }
        if (current.find("\\\"error\\\"") == std::string::npos && current.find("\\\\\"error") == std::string::npos)
            return std::nullopt;
        current = unescape_once(current);
    }
    return std::nullopt;
}

}  // namespace ngd::triage
