#pragma once
/// The parsed form of an OmegaConf string: literal text and `${...}` pieces.
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ngd::config::grammar {

struct interpolation;

/// Literal text, or an interpolation when `inter` is set.
struct piece {
    std::string text;
    std::shared_ptr<interpolation> inter;
};
using pieces = std::vector<piece>;

struct dict_entry;

/// A resolver argument (or an oc.decode value).
struct element {
    enum class kind { primitive, quoted, list, dict } type = kind::primitive;
    pieces parts;         ///< primitive and quoted
    std::vector<element> items;                           ///< list
    std::vector<dict_entry> entries;  ///< dict
};

// Its own type rather than a std::pair: a pair of an incomplete type is not allowed (clang).
struct dict_entry {
    std::string key;
    element value;
};

/// One key of a node path: literal text or a nested interpolation.
struct key_part {
    pieces parts;
    bool bracket = false;
};

struct interpolation {
    bool is_resolver = false;
    std::string name;             ///< resolver name
    std::vector<element> args;    ///< resolver arguments
    int dots = 0;                 ///< node path: leading dots (relative)
    std::vector<key_part> keys;   ///< node path: keys
    std::string source;           ///< the text "${...}"
};

/// A grammar error with OmegaConf's wording.
struct parse_error {
    std::string message;
};

/// Parses a config string. Throws parse_error.
pieces parse_string(std::string_view text);

/// Parses an oc.decode / oc.select argument text as one element. Throws parse_error.
element parse_element_text(std::string_view text);

/// Parses "a.b[0]" / ".x" as a node path (for oc.select). Throws parse_error.
interpolation parse_node_path(std::string_view text);

/// Types an unquoted primitive the way OmegaConf's grammar does (int, float, bool, null),
/// or returns false (it stays a string).
struct typed_primitive {
    enum class kind { string, null, boolean, integer, floating } type = kind::string;
    bool b = false;
    long long i = 0;
    double f = 0;
};
typed_primitive type_grammar_primitive(std::string_view trimmed);

}  // namespace ngd::config::grammar
