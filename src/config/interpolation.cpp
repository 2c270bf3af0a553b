#include "config/interpolation.hpp"

#include "config/interpolation_grammar.hpp"
#include "config/limits.hpp"

#include <deque>
#include <unordered_map>
#include <unordered_set>

namespace ngd::config {

namespace g = grammar;

bool has_interpolation(std::string_view text) { return text.find("${") != std::string_view::npos; }

bool is_whole_interpolation(std::string_view text)
{
    if (text.size() < 3 || text.substr(0, 2) != "${" || text.back() != '}') return false;
    try {
        auto parts = g::parse_string(text);
        return parts.size() == 1 && parts[0].inter;
    } catch (const g::parse_error&) {
        return false;
    }
}

std::string failed_value::omegaconf_text() const
{
    return failure.message + "\n    full_key: " + full_key + "\n    object_type=" + object_type;
}

namespace {

/// One step from a container to a child.
struct step {
    const node* container;
    std::string_view key;  // map key
    std::size_t index;     // list index
};
using chain = std::vector<step>;

std::string full_key_of(const chain& c)
{
    std::string out;
    for (auto& s : c) {
        if (s.container->is_list()) {
            out += "[" + std::to_string(s.index) + "]";
        } else {
            if (!out.empty()) out += '.';
            out += s.key;
        }
    }
    return out;
}


using outcome = std::variant<node, interpolation_failure>;

interpolation_failure failure(std::string type, std::string message, std::string key = {})
{
    return {std::move(type), std::move(message), std::move(key)};
}

}  // namespace

struct interpolator::impl {
    const node& root;
    env_lookup env;
    std::vector<failed_value> failures;

    std::unordered_map<const node*, outcome> memo;
    std::unordered_map<const node*, std::shared_ptr<g::pieces>> parsed;
    std::unordered_set<const node*> in_progress;
    std::unordered_map<const node*, std::unordered_map<std::string_view, std::size_t>> indexes;
    std::deque<node> detached;  // resolver results that a path may walk into

    impl(const node& r, env_lookup e) : root(r), env(std::move(e)) {}

    // ---- lookups ----------------------------------------------------------------------

    const node* find_child(const node& map, std::string_view key, std::size_t& position)
    {
        auto& entries = map.entries();
        if (entries.size() < 24) {
            for (std::size_t i = 0; i < entries.size(); ++i)
                if (entries[i].first == key) {
                    position = i;
                    return &entries[i].second;
                }
            return nullptr;
        }
        auto [it, fresh] = indexes.try_emplace(&map);
        if (fresh) {
            it->second.reserve(entries.size());
            for (std::size_t i = 0; i < entries.size(); ++i) it->second.emplace(entries[i].first, i);
        }
        auto found = it->second.find(key);
        if (found == it->second.end()) return nullptr;
        position = found->second;
        return &entries[found->second].second;
    }

    struct located {
        const node* target = nullptr;
        chain where;
    };

    // Paths being followed through interpolations, one inside another: `a: ${a.x}` walks
    // through `a` to find `a`, forever (OmegaConf recurses until Python stops it).
    std::size_t following = 0;

    // Follows whole-string node interpolations so a path can walk through them.
    std::variant<located, interpolation_failure> dereference(const node* n, chain c)
    {
        if (following >= limits::max_interpolation_depth) return recursion_limit_failure();
        ++following;
        auto result = follow(n, std::move(c));
        --following;
        return result;
    }

    std::variant<located, interpolation_failure> follow(const node* n, chain c)
    {
        int guard = 0;
        while (n->is_string() && has_interpolation(n->as_string())) {
            if (++guard > 64) return failure("InterpolationResolutionError", "Recursive interpolation detected");
            auto parts = parse_of(n);
            if (!parts) return failure("GrammarParseError", "no viable alternative at input '" + n->as_string() + "'");
            if (parts->size() != 1 || !(*parts)[0].inter) break;
            auto& inter = *(*parts)[0].inter;
            if (inter.is_resolver) {
                auto value = value_of(n, c);
                if (auto* f = std::get_if<interpolation_failure>(&value)) return *f;
                detached.push_back(std::get<node>(value));
                return located{&detached.back(), {}};
            }
            auto next = locate(inter, c);
            if (auto* f = std::get_if<interpolation_failure>(&next)) return *f;
            auto& l = std::get<located>(next);
            n = l.target;
            c = std::move(l.where);
        }
        return located{n, std::move(c)};
    }

    std::string written_path(const g::interpolation& inter, const std::vector<std::string>& keys)
    {
        std::string out(static_cast<std::size_t>(inter.dots), '.');
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (inter.keys[i].bracket) out += "[" + keys[i] + "]";
            else {
                if (i > 0) out += '.';
                out += keys[i];
            }
        }
        return out;
    }

    // The node a path names, seen from the value at `c`.
    std::variant<located, interpolation_failure> locate(const g::interpolation& inter, const chain& c)
    {
        std::vector<std::string> keys;
        for (auto& k : inter.keys) {
            auto text = render(k.parts, c);
            if (auto* f = std::get_if<interpolation_failure>(&text)) return *f;
            keys.push_back(std::get<std::string>(std::move(text)));
        }
        std::string written = written_path(inter, keys);
        const node* at = &root;
        chain where;
        if (inter.dots > 0) {
            auto up = static_cast<std::size_t>(inter.dots);
            if (up > c.size())
                return failure("InterpolationKeyError",
                               "ConfigKeyError while resolving interpolation: Error resolving key '" + written + "'");
            at = c[c.size() - up].container;
            where.assign(c.begin(), c.end() - static_cast<std::ptrdiff_t>(up));
        }
        std::string walked;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            auto deref = dereference(at, where);
            if (auto* f = std::get_if<interpolation_failure>(&deref)) return *f;
            auto& l = std::get<located>(deref);
            at = l.target;
            where = std::move(l.where);
            const std::string& key = keys[i];
            if (at->is_map()) {
                std::size_t position = 0;
                const node* next = find_child(*at, key, position);
                if (!next)
                    return failure("InterpolationKeyError", "Interpolation key '" + written + "' not found", written);
                where.push_back({at, at->entries()[position].first, 0});
                at = next;
            } else if (at->is_list()) {
                char* end = nullptr;
                long idx = std::strtol(key.c_str(), &end, 10);
                auto& items = at->items();
                if (key.empty() || *end != '\0' || idx < 0 || static_cast<std::size_t>(idx) >= items.size())
                    return failure("InterpolationKeyError", "Interpolation key '" + written + "' not found", written);
                where.push_back({at, {}, static_cast<std::size_t>(idx)});
                at = &items[static_cast<std::size_t>(idx)];
            } else {
                std::string prefix = walked.empty() ? key : walked + "." + key;
                std::string last = walked.empty() ? std::string() : walked.substr(walked.rfind('.') == std::string::npos ? 0 : walked.rfind('.') + 1);
                if (at->is_null() || walked.empty())
                    return failure("InterpolationKeyError", "Interpolation key '" + written + "' not found", written);
                return failure("InterpolationResolutionError",
                               "ConfigTypeError raised while resolving interpolation: Error trying to access " +
                                   prefix + ": node `" + last + "` is not a container and thus cannot contain `" +
                                   key + "`");
            }
            walked += (walked.empty() ? "" : ".") + key;
        }
        return located{at, std::move(where)};
    }

    // ---- evaluation -------------------------------------------------------------------

    std::shared_ptr<g::pieces> parse_of(const node* n)
    {
        auto it = parsed.find(n);
        if (it != parsed.end()) return it->second;
        std::shared_ptr<g::pieces> p;
        try {
            p = std::make_shared<g::pieces>(g::parse_string(n->as_string()));
        } catch (const g::parse_error&) {
        }
        parsed.emplace(n, p);
        return p;
    }

    std::variant<std::string, interpolation_failure> render(const g::pieces& parts, const chain& c)
    {
        std::string out;
        for (auto& p : parts) {
            if (!p.inter) {
                out += p.text;
                continue;
            }
            auto v = evaluate(*p.inter, c);
            if (auto* f = std::get_if<interpolation_failure>(&v)) return *f;
            out += std::get<node>(v).to_python_str();
        }
        return out;
    }

    outcome evaluate(const g::interpolation& inter, const chain& c)
    {
        if (inter.is_resolver) return call_resolver(inter, c);
        auto found = locate(inter, c);
        if (auto* f = std::get_if<interpolation_failure>(&found)) return *f;
        auto& l = std::get<located>(found);
        if (l.target->is_missing())
            return failure("InterpolationToMissingValueError",
                           "MissingMandatoryValue while resolving interpolation: Missing mandatory value: " +
                               full_key_of(l.where));
        return resolved(l.target, l.where);
    }

    outcome element_value(const g::element& e, const chain& c)
    {
        using k = g::element::kind;
        switch (e.type) {
        case k::quoted: {
            auto text = render(e.parts, c);
            if (auto* f = std::get_if<interpolation_failure>(&text)) return *f;
            return node::string(std::get<std::string>(std::move(text)));
        }
        case k::list: {
            node_list items;
            for (auto& item : e.items) {
                auto v = element_value(item, c);
                if (auto* f = std::get_if<interpolation_failure>(&v)) return *f;
                items.push_back(std::get<node>(std::move(v)));
            }
            return node::list(std::move(items));
        }
        case k::dict: {
            node_map entries;
            for (auto& [key, item] : e.entries) {
                auto v = element_value(item, c);
                if (auto* f = std::get_if<interpolation_failure>(&v)) return *f;
                entries.emplace_back(key, std::get<node>(std::move(v)));
            }
            return node::map(std::move(entries));
        }
        case k::primitive: break;
        }
        if (e.parts.size() == 1 && e.parts[0].inter) return evaluate(*e.parts[0].inter, c);
        if (e.parts.empty()) return node::string("");
        if (e.parts.size() == 1) {
            auto t = g::type_grammar_primitive(e.parts[0].text);
            using tk = g::typed_primitive::kind;
            switch (t.type) {
            case tk::null: return node::null();
            case tk::boolean: return node::boolean(t.b);
            case tk::integer: return node::integer(t.i);
            case tk::floating: return node::floating(t.f);
            case tk::string: return node::string(e.parts[0].text);
            }
        }
        auto text = render(e.parts, c);
        if (auto* f = std::get_if<interpolation_failure>(&text)) return *f;
        return node::string(std::get<std::string>(std::move(text)));
    }

    outcome call_resolver(const g::interpolation& inter, const chain& c)
    {
        const std::string& name = inter.name;
        std::vector<node> args;
        for (auto& a : inter.args) {
            auto v = element_value(a, c);
            if (auto* f = std::get_if<interpolation_failure>(&v)) return *f;
            args.push_back(std::get<node>(std::move(v)));
        }
        if (name == "oc.env") return resolver_env(args);
        if (name == "inherit_from" || name == "copy") {
            std::string arg = args.empty() ? "" : args[0].to_python_str();
            return node::string("${" + name + ":" + arg + "}");
        }
        if (name == "oc.select") return resolver_select(args, c);
        if (name == "oc.decode") return resolver_decode(args, c);
        if (name == "oc.create") {
            if (args.empty()) return node::null();
            return args[0];
        }
        if (name == "oc.dict.keys" || name == "oc.dict.values") return resolver_dict(name, args, c);
        return failure("UnsupportedInterpolationType", "Unsupported interpolation type " + name);
    }

    outcome resolver_env(const std::vector<node>& args)
    {
        if (args.empty() || args.size() > 2)
            return failure("InterpolationResolutionError",
                           "TypeError raised while resolving interpolation: env() takes from 1 to 2 arguments");
        std::string key = args[0].to_python_str();
        if (auto v = env ? env(key) : std::nullopt) {
            origin from_env;
            from_env.from = origin::kind::environment;
            return node::string(*v, from_env);
        }
        if (args.size() == 2) {
            if (args[1].is_null()) return node::null();
            return node::string(args[1].to_python_str());
        }
        return failure("InterpolationResolutionError",
                       "KeyError raised while resolving interpolation: \"Environment variable '" + key + "' not found\"");
    }

    outcome resolver_select(const std::vector<node>& args, const chain& c)
    {
        if (args.empty()) return node::null();
        try {
            auto path = g::parse_node_path(args[0].to_python_str());
            auto found = locate(path, c);
            if (auto* l = std::get_if<located>(&found)) {
                if (l->target->is_missing()) return args.size() > 1 ? args[1] : node::null();
                return resolved(l->target, l->where);
            }
        } catch (const g::parse_error&) {
        }
        return args.size() > 1 ? args[1] : node::null();
    }

    outcome resolver_decode(const std::vector<node>& args, const chain& c)
    {
        if (args.empty() || args[0].is_null()) return node::null();
        if (!args[0].is_string())
            return failure("InterpolationResolutionError",
                           "TypeError raised while resolving interpolation: `oc.decode` can only take strings or "
                           "None as input, but `" + args[0].to_python_str() + "` is of type " +
                           (args[0].type() == node::kind::integer ? "int" : "object"));
        try {
            auto e = g::parse_element_text(args[0].as_string());
            return element_value(e, c);
        } catch (const g::parse_error& err) {
            return failure("GrammarParseError", err.message);
        }
    }

    outcome resolver_dict(const std::string& name, const std::vector<node>& args, const chain& c)
    {
        if (args.empty()) return node::list();
        node target = args[0];
        if (args[0].is_string()) {
            try {
                auto path = g::parse_node_path(args[0].as_string());
                auto found = locate(path, c);
                if (auto* f = std::get_if<interpolation_failure>(&found)) return *f;
                auto& l = std::get<located>(found);
                auto v = resolved(l.target, l.where);
                if (auto* f = std::get_if<interpolation_failure>(&v)) return *f;
                target = std::get<node>(std::move(v));
            } catch (const g::parse_error& err) {
                return failure("GrammarParseError", err.message);
            }
        }
        if (!target.is_map())
            return failure("InterpolationResolutionError",
                           "TypeError raised while resolving interpolation: `" + name +
                               "` cannot be applied to objects of type: " + (target.is_list() ? "list" : "object"));
        node_list out;
        for (auto& [k, v] : target.entries())
            out.push_back(name == "oc.dict.keys" ? node::string(k) : v);
        return node::list(std::move(out));
    }

    // The value of a string that holds interpolations.
    outcome value_of(const node* n, const chain& c)
    {
        auto parts = parse_of(n);
        if (!parts) {
            try {
                (void)g::parse_string(n->as_string());
            } catch (const g::parse_error& err) {
                return failure("GrammarParseError", err.message);
            }
        }
        if (parts->size() == 1 && (*parts)[0].inter) {
            auto v = evaluate(*(*parts)[0].inter, c);
            // A resolver's string keeps the origin of the value that holds it.
            if (auto* value = std::get_if<node>(&v); value && (*parts)[0].inter->is_resolver &&
                value->where().from == origin::kind::none)
                value->set_origin(n->where());
            return v;
        }
        auto text = render(*parts, c);
        if (auto* f = std::get_if<interpolation_failure>(&text)) return *f;
        return node::string(std::get<std::string>(std::move(text)), n->where());
    }

    // OmegaConf's own words when Python's recursion limit stops it (about 60 links).
    static interpolation_failure recursion_limit_failure()
    {
        return failure("InterpolationResolutionError",
                       "RecursionError raised while resolving interpolation: maximum recursion depth exceeded "
                       "(ngdoctor's limit: " + std::to_string(limits::max_interpolation_depth) +
                           " interpolations resolved through one another)");
    }

    // The resolved form of any value (memoized).
    outcome resolved(const node* n, const chain& c)
    {
        bool interpolated = n->is_string() && has_interpolation(n->as_string());
        if (!interpolated && n->is_scalar()) return *n;
        if (auto it = memo.find(n); it != memo.end()) return it->second;
        if (!in_progress.insert(n).second)
            return failure("InterpolationResolutionError", "Recursive interpolation detected");
        if (in_progress.size() > limits::max_interpolation_depth) {
            in_progress.erase(n);
            return recursion_limit_failure();
        }
        outcome result = interpolated ? value_of(n, c) : outcome(resolved_container(n, c));
        in_progress.erase(n);
        return memo.emplace(n, std::move(result)).first->second;
    }

    node resolved_container(const node* n, const chain& c)
    {
        chain inner = c;
        if (n->is_list()) {
            node_list items;
            items.reserve(n->items().size());
            std::size_t i = 0;
            for (auto& item : n->items()) {
                inner.push_back({n, {}, i++});
                items.push_back(leaf_or_unresolved(&item, inner));
                inner.pop_back();
            }
            return node::list(std::move(items), n->where());
        }
        node_map entries;
        entries.reserve(n->entries().size());
        for (auto& [k, v] : n->entries()) {
            inner.push_back({n, k, 0});
            entries.emplace_back(k, leaf_or_unresolved(&v, inner));
            inner.pop_back();
        }
        return node::map(std::move(entries), n->where());
    }

    node leaf_or_unresolved(const node* n, const chain& c)
    {
        auto v = resolved(n, c);
        if (auto* f = std::get_if<interpolation_failure>(&v))
            return node::unresolved(n->as_string(), f->type + ": " + f->message, n->where());
        return std::get<node>(std::move(v));
    }

    // The document-order walk that records each failed value with its own full key.
    node walk(const node* n, chain& c)
    {
        if (n->is_map() || n->is_list()) {
            if (n->is_list()) {
                node_list items;
                items.reserve(n->items().size());
                std::size_t i = 0;
                for (auto& item : n->items()) {
                    c.push_back({n, {}, i++});
                    items.push_back(walk(&item, c));
                    c.pop_back();
                }
                return node::list(std::move(items), n->where());
            }
            node_map entries;
            entries.reserve(n->entries().size());
            for (auto& [k, v] : n->entries()) {
                c.push_back({n, k, 0});
                entries.emplace_back(k, walk(&v, c));
                c.pop_back();
            }
            return node::map(std::move(entries), n->where());
        }
        auto v = resolved(n, c);
        if (auto* f = std::get_if<interpolation_failure>(&v)) {
            record(*f, c, n->where());
            return node::unresolved(n->as_string(), f->type + ": " + f->message, n->where());
        }
        return std::get<node>(std::move(v));
    }

    void record(const interpolation_failure& f, const chain& c, const origin& where)
    {
        failed_value fv;
        fv.full_key = full_key_of(c);
        fv.object_type = !c.empty() && c.back().container->is_list() ? "list" : "dict";
        fv.failure = f;
        fv.where = where;
        failures.push_back(std::move(fv));
    }
};

interpolator::interpolator(const node& root, env_lookup env) : impl_(std::make_unique<impl>(root, std::move(env))) {}
interpolator::~interpolator() = default;

node interpolator::resolve_all()
{
    chain c;
    return impl_->walk(&impl_->root, c);
}

std::optional<node> interpolator::resolve_path(std::string_view dotted)
{
    chain c;
    const node* at = &impl_->root;
    while (true) {
        auto dot = dotted.find('.');
        auto key = dotted.substr(0, dot);
        if (!at->is_map()) return std::nullopt;
        std::size_t position = 0;
        const node* next = impl_->find_child(*at, key, position);
        if (!next) return std::nullopt;
        c.push_back({at, at->entries()[position].first, 0});
        at = next;
        if (dot == std::string_view::npos) break;
        dotted.remove_prefix(dot + 1);
    }
    if (at->is_map() || at->is_list()) return impl_->walk(at, c);
    auto v = impl_->resolved(at, c);
    if (auto* f = std::get_if<interpolation_failure>(&v)) {
        impl_->record(*f, c, at->where());
        return node::unresolved(at->as_string(), f->type + ": " + f->message, at->where());
    }
    return std::get<node>(std::move(v));
}

const std::vector<failed_value>& interpolator::failures() const { return impl_->failures; }

}  // namespace ngd::config

namespace ngd::config {

config_error as_nemo_gym_error(const failed_value& f)
{
    config_error e;
    e.where = f.where;
    if (f.failure.type == "GrammarParseError") {
        e.type = "GrammarParseError";
        e.message = f.omegaconf_text();
        return e;
    }
    e.type = "ConfigInterpolationError";
    if (f.failure.type == "InterpolationKeyError" && !f.failure.referenced_key.empty()) {
        const auto& key = f.failure.referenced_key;
        e.message = "Config value '" + f.full_key + "' references '" + key +
                    "', which is not set after merging.\n\n"
                    "Provide it via a CLI override, in env.yaml, or in a config you pass via config_paths.\n"
                    "For example, on the command line:\n  ++" + key + "=<value>";
        return e;
    }
    e.message = f.omegaconf_text();
    return e;
}

bool python_truthy(const node& v)
{
    switch (v.type()) {
    case node::kind::null: return false;
    case node::kind::boolean: return v.as_bool();
    case node::kind::integer: return v.as_int() != 0;
    case node::kind::floating: return v.as_float() != 0.0;
    case node::kind::string:
    case node::kind::unresolved: return !v.as_string().empty();
    case node::kind::list: return !v.items().empty();
    case node::kind::map: return !v.entries().empty();
    }
    return false;
}

}  // namespace ngd::config
