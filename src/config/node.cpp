#include "config/node.hpp"

#include "config/python_text.hpp"

#include <cassert>

namespace ngd::config {

origin origin::in_file(std::string file, int line, int column)
{
    origin o;
    o.from = kind::file;
    o.file = std::move(file);
    o.line = line;
    o.column = column;
    return o;
}

origin origin::of_override()
{
    origin o;
    o.from = kind::override_arg;
    return o;
}

origin origin::of_default()
{
    origin o;
    o.from = kind::default_value;
    return o;
}

std::string origin::text() const
{
    switch (from) {
    case kind::file: return file + ":" + std::to_string(line);
    case kind::override_arg: return "override";
    case kind::default_value: return "default";
    case kind::environment: return "environment";
    case kind::none: break;
    }
    return "";
}

node node::null(origin o)
{
    node n;
    n.origin_ = std::move(o);
    return n;
}

node node::boolean(bool v, origin o)
{
    node n;
    n.value_ = v;
    n.origin_ = std::move(o);
    return n;
}

node node::integer(std::int64_t v, origin o)
{
    node n;
    n.value_ = v;
    n.origin_ = std::move(o);
    return n;
}

node node::floating(double v, origin o)
{
    node n;
    n.value_ = v;
    n.origin_ = std::move(o);
    return n;
}

node node::string(std::string v, origin o)
{
    node n;
    n.value_ = std::move(v);
    n.origin_ = std::move(o);
    return n;
}

node node::list(node_list items, origin o)
{
    node n;
    n.value_ = std::make_shared<node_list>(std::move(items));
    n.origin_ = std::move(o);
    return n;
}

node node::map(node_map items, origin o)
{
    node n;
    n.value_ = std::make_shared<node_map>(std::move(items));
    n.origin_ = std::move(o);
    return n;
}

node node::unresolved(std::string raw, std::string error, origin o)
{
    node n;
    n.value_ = unresolved_value{std::move(raw), std::move(error)};
    n.origin_ = std::move(o);
    return n;
}

node::kind node::type() const
{
    switch (value_.index()) {
    case 0: return kind::null;
    case 1: return kind::boolean;
    case 2: return kind::integer;
    case 3: return kind::floating;
    case 4: return kind::string;
    case 5: return kind::list;
    case 6: return kind::map;
    default: return kind::unresolved;
    }
}

bool node::as_bool() const { return std::get<bool>(value_); }
std::int64_t node::as_int() const { return std::get<std::int64_t>(value_); }
double node::as_float() const { return std::get<double>(value_); }

const std::string& node::as_string() const
{
    if (auto* u = std::get_if<unresolved_value>(&value_)) return u->raw;
    return std::get<std::string>(value_);
}

const std::string& node::error() const
{
    static const std::string none;
    if (auto* u = std::get_if<unresolved_value>(&value_)) return u->error;
    return none;
}

const node_list& node::items() const { return *std::get<std::shared_ptr<node_list>>(value_); }

node_list& node::items()
{
    auto& p = std::get<std::shared_ptr<node_list>>(value_);
    if (p.use_count() > 1) p = std::make_shared<node_list>(*p);
    return *p;
}

const node_map& node::entries() const { return *std::get<std::shared_ptr<node_map>>(value_); }

node_map& node::entries()
{
    auto& p = std::get<std::shared_ptr<node_map>>(value_);
    if (p.use_count() > 1) p = std::make_shared<node_map>(*p);
    return *p;
}

const node* node::find(std::string_view key) const
{
    if (!is_map()) return nullptr;
    for (auto& [k, v] : entries())
        if (k == key) return &v;
    return nullptr;
}

node* node::find(std::string_view key)
{
    if (!is_map()) return nullptr;
    for (auto& [k, v] : entries())
        if (k == key) return &v;
    return nullptr;
}

const node* node::find_path(std::string_view dotted) const
{
    const node* at = this;
    while (at) {
        auto dot = dotted.find('.');
        at = at->find(dotted.substr(0, dot));
        if (dot == std::string_view::npos) break;
        dotted.remove_prefix(dot + 1);
    }
    return at;
}

std::string node::to_python_str() const
{
    switch (type()) {
    case kind::null: return "None";
    case kind::boolean: return as_bool() ? "True" : "False";
    case kind::integer: return std::to_string(as_int());
    case kind::floating: return python_float_repr(as_float());
    case kind::string:
    case kind::unresolved: return as_string();
    case kind::list: {
        std::string out = "[";
        bool first = true;
        for (auto& item : items()) {
            if (!first) out += ", ";
            first = false;
            out += item.to_python_repr();
        }
        return out + "]";
    }
    case kind::map: {
        std::string out = "{";
        bool first = true;
        for (auto& [k, v] : entries()) {
            if (!first) out += ", ";
            first = false;
            out += python_str_repr(k) + ": " + v.to_python_repr();
        }
        return out + "}";
    }
    }
    return "";
}

std::string node::to_python_repr() const
{
    if (type() == kind::string || type() == kind::unresolved) return python_str_repr(as_string());
    return to_python_str();
}

bool node::same_value(const node& other) const
{
    auto a = type();
    auto b = other.type();
    // Python: True == 1 and 1 == 1.0.
    auto numeric = [](kind k) { return k == kind::boolean || k == kind::integer || k == kind::floating; };
    if (numeric(a) && numeric(b)) {
        auto as_double = [](const node& n) {
            switch (n.type()) {
            case kind::boolean: return n.as_bool() ? 1.0 : 0.0;
            case kind::integer: return static_cast<double>(n.as_int());
            default: return n.as_float();
            }
        };
        return as_double(*this) == as_double(other);
    }
    if (a != b) return false;
    switch (a) {
    case kind::null: return true;
    case kind::string:
    case kind::unresolved: return as_string() == other.as_string();
    case kind::list: {
        auto& x = items();
        auto& y = other.items();
        if (x.size() != y.size()) return false;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!x[i].same_value(y[i])) return false;
        return true;
    }
    case kind::map: {
        auto& x = entries();
        auto& y = other.entries();
        if (x.size() != y.size()) return false;
        for (auto& [k, v] : x) {
            auto* w = other.find(k);
            if (!w || !v.same_value(*w)) return false;
        }
        return true;
    }
    default: return false;
    }
}

}  // namespace ngd::config
