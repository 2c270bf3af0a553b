#include "config/emit.hpp"

#include "config/python_text.hpp"

#include <cmath>
#include <cstdio>

namespace ngd::config {

namespace {

void json_string(std::string& out, std::string_view s)
{
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += '"';
}

void json_value(std::string& out, const node& n, int depth)
{
    std::string pad(static_cast<std::size_t>(depth + 1) * 2, ' ');
    std::string close_pad(static_cast<std::size_t>(depth) * 2, ' ');
    switch (n.type()) {
    case node::kind::null: out += "null"; return;
    case node::kind::boolean: out += n.as_bool() ? "true" : "false"; return;
    case node::kind::integer: out += std::to_string(n.as_int()); return;
    case node::kind::floating: {
        double v = n.as_float();
        if (std::isnan(v)) out += "NaN";
        else if (std::isinf(v)) out += v > 0 ? "Infinity" : "-Infinity";
        else out += python_float_repr(v);
        return;
    }
    case node::kind::string:
    case node::kind::unresolved: json_string(out, n.as_string()); return;
    case node::kind::list: {
        if (n.items().empty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        bool first = true;
        for (auto& item : n.items()) {
            if (!first) out += ",\n";
            first = false;
            out += pad;
            json_value(out, item, depth + 1);
        }
        out += "\n" + close_pad + "]";
        return;
    }
    case node::kind::map: {
        if (n.entries().empty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        bool first = true;
        for (auto& [k, v] : n.entries()) {
            if (!first) out += ",\n";
            first = false;
            out += pad;
            json_string(out, k);
            out += ": ";
            json_value(out, v, depth + 1);
        }
        out += "\n" + close_pad + "}";
        return;
    }
    }
}

}  // namespace

std::string to_json(const node& root)
{
    std::string out;
    json_value(out, root, 0);
    out += '\n';
    return out;
}

}  // namespace ngd::config
