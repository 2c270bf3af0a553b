#pragma once
/// A configuration value as OmegaConf sees it, plus where it came from.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace ngd::config {

/// Where a value was set: a file position, a command-line override, or a default.
struct origin {
    enum class kind { none, file, override_arg, default_value, environment };
    kind from = kind::none;
    std::string file;  ///< for kind::file
    int line = 0;      ///< 1-based, for kind::file
    int column = 0;    ///< 1-based, for kind::file

    static origin in_file(std::string file, int line, int column);
    static origin of_override();
    static origin of_default();

    /// "env.yaml:3", "override", "default", "environment" or "".
    std::string text() const;
};

class node;
using node_list = std::vector<node>;
using node_map = std::vector<std::pair<std::string, node>>;  ///< insertion-ordered

class node {
public:
    enum class kind { null, boolean, integer, floating, string, list, map, unresolved };

    node() = default;
    static node null(origin o = {});
    static node boolean(bool v, origin o = {});
    static node integer(std::int64_t v, origin o = {});
    static node floating(double v, origin o = {});
    static node string(std::string v, origin o = {});
    static node list(node_list items = {}, origin o = {});
    static node map(node_map items = {}, origin o = {});
    /// A value whose interpolation could not be resolved: keeps the raw text and the error,
    /// so the rest of the tree stays usable.
    static node unresolved(std::string raw, std::string error, origin o = {});

    kind type() const;
    bool is_null() const { return type() == kind::null; }
    bool is_string() const { return type() == kind::string; }
    bool is_map() const { return type() == kind::map; }
    bool is_list() const { return type() == kind::list; }
    bool is_scalar() const { return !is_map() && !is_list(); }

    bool as_bool() const;                 ///< precondition: boolean
    std::int64_t as_int() const;          ///< precondition: integer
    double as_float() const;              ///< precondition: floating
    const std::string& as_string() const; ///< precondition: string or unresolved (raw text)
    const std::string& error() const;     ///< the resolution error of an unresolved node, else ""
    const node_list& items() const;       ///< precondition: list
    node_list& items();                   ///< copy-on-write: detaches children shared with a copy
    const node_map& entries() const;      ///< precondition: map
    node_map& entries();                  ///< copy-on-write: detaches children shared with a copy

    /// Child of a map by key, or nullptr (also when this is not a map).
    const node* find(std::string_view key) const;
    node* find(std::string_view key);
    /// Follows a dotted path of map keys ("a.b.c"); nullptr when any step is missing.
    const node* find_path(std::string_view dotted) const;

    /// The scalar as Python's str() would print it ("True", "None", "3.0", ...);
    /// lists and maps in Python's repr form.
    std::string to_python_str() const;
    /// Python's repr(): strings quoted ('a'), the rest as to_python_str().
    std::string to_python_repr() const;

    /// OmegaConf's MISSING marker: the string "???".
    bool is_missing() const { return is_string() && as_string() == "???"; }

    /// Deep equality of values (origins and quoting ignored), as Python's == on containers.
    bool same_value(const node& other) const;

    const origin& where() const { return origin_; }
    void set_origin(origin o) { origin_ = std::move(o); }

    /// Set by the YAML loader: the scalar was quoted in its file (kept for the checks that
    /// care about how a value was written).
    bool quoted = false;

private:
    struct unresolved_value {
        std::string raw;
        std::string error;
    };
    using value_type = std::variant<std::monostate, bool, std::int64_t, double, std::string,
                                    std::shared_ptr<node_list>, std::shared_ptr<node_map>,
                                    unresolved_value>;
    value_type value_;
    origin origin_;
};

}  // namespace ngd::config
