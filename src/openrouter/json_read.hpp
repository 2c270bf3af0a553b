#pragma once
/// Reading a parsed JSON body field by field without throwing: the first shape error is
/// kept with the field's path, and every later read returns an empty value. Used only by
/// the parser .cpp files of this folder (it pulls in Boost.JSON).
#include "openrouter/parse_error.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::openrouter::detail {

namespace json = boost::json;

/// The first error met while reading one body.
struct read_state {
    std::optional<parse_error> error;

    void fail(std::string path, std::string message);
    bool failed() const { return error.has_value(); }
};

/// Where one value sits in the body: "{parent}.{key}" or "{parent}[{index}]", spelt out only
/// when an error needs it (a catalog has tens of thousands of values and no error).
class value_place {
public:
    value_place(const std::string& parent, std::string_view key) : parent_(parent), key_(key) {}
    value_place(const std::string& parent, std::size_t index) : parent_(parent), index_(index), indexed_(true) {}

    std::string str() const;

private:
    const std::string& parent_;
    std::string_view key_;
    std::size_t index_ = 0;
    bool indexed_ = false;
};

/// Parses `body` as JSON: nullopt (and an error in `state`) for an empty body, an HTML
/// page, invalid UTF-8, too deep nesting or any syntax error.
std::optional<json::value> parse_body(std::string_view body, read_state& state);

/// "a string", "an object", "null", ... for messages.
std::string_view kind_name(const json::value& v);

/// Conversions of the value at `where`; on a wrong kind they record the error and give nullopt.
std::optional<std::string> as_string(const json::value& v, const value_place& where, read_state& state,
                                     bool null_allowed);
std::optional<double> as_number(const json::value& v, const value_place& where, read_state& state,
                                bool null_allowed);
std::optional<std::int64_t> as_integer(const json::value& v, const value_place& where, read_state& state,
                                       bool null_allowed);
std::optional<bool> as_boolean(const json::value& v, const value_place& where, read_state& state,
                               bool null_allowed);

class object_reader;

/// Reads the elements of one array, each under "path[i]".
class array_reader {
public:
    array_reader(const json::array* array, std::string path, read_state& state);

    std::size_t size() const { return array_ ? array_->size() : 0; }
    /// Element `i` as an object (an error when it is not one).
    object_reader object(std::size_t i) const;
    /// Element `i` as a string.
    std::optional<std::string> string(std::size_t i) const;
    /// Every element read as an object by `read`, stopping at the first error.
    template <class F>
    auto map_objects(F read) const -> std::vector<decltype(read(std::declval<object_reader&>()))>;

private:
    const json::array* array_;
    std::string path_;
    read_state* state_;
};

/// Reads the fields of one object. Required readers record "missing" when the key is
/// absent; optional ones (`opt_*`) give nullopt for an absent key or null.
class object_reader {
public:
    object_reader(const json::object* object, std::string path, read_state& state);

    const std::string& path() const { return path_; }
    bool valid() const { return object_ != nullptr; }
    bool has(std::string_view key) const;                 ///< present, even as null
    const json::value* find(std::string_view key) const;  ///< nullptr when absent or unreadable
    std::string child_path(std::string_view key) const { return place(key).str(); }
    value_place place(std::string_view key) const { return {path_, key}; }

    std::string string(std::string_view key);
    double number(std::string_view key);
    std::int64_t integer(std::string_view key);
    bool boolean(std::string_view key);
    object_reader object(std::string_view key);
    array_reader array(std::string_view key);

    std::optional<std::string> opt_string(std::string_view key);
    std::optional<double> opt_number(std::string_view key);
    std::optional<std::int64_t> opt_integer(std::string_view key);
    std::optional<bool> opt_boolean(std::string_view key);
    std::optional<object_reader> opt_object(std::string_view key);
    std::optional<array_reader> opt_array(std::string_view key);
    /// An array of strings; absent or null gives an empty list.
    std::vector<std::string> strings(std::string_view key);
    /// A string, or a number or boolean spelled as JSON text; null/absent gives nullopt.
    std::optional<std::string> opt_scalar_text(std::string_view key);
    /// Any value as compact JSON text (a string stays as it is); null/absent gives nullopt.
    std::optional<std::string> opt_raw_text(std::string_view key);

    read_state& state() const { return *state_; }

private:
    const json::value* require(std::string_view key, std::string_view expected);

    const json::object* object_;
    std::string path_;
    read_state* state_;
};

template <class F>
auto array_reader::map_objects(F read) const -> std::vector<decltype(read(std::declval<object_reader&>()))>
{
    std::vector<decltype(read(std::declval<object_reader&>()))> out;
    out.reserve(size());
    for (std::size_t i = 0; i < size() && !state_->failed(); ++i) {
        object_reader element = object(i);
        if (!element.valid()) break;
        out.push_back(read(element));
    }
    return out;
}

/// Parses `body`, requires a top-level object and hands it to `read`; the boundary where
/// a shape error becomes a value.
template <class T, class F>
parse_result<T> read_document(std::string_view body, F read)
{
    read_state state;
    parse_result<T> result;
    if (auto doc = parse_body(body, state)) {
        if (!doc->is_object()) {
            state.fail("", "expected an object, got " + std::string(kind_name(*doc)));
        } else {
            object_reader root(&doc->get_object(), "", state);
            T value = read(root);
            if (!state.failed()) result.value = std::move(value);
        }
    }
    if (state.error) result.error = *state.error;
    return result;
}

}  // namespace ngd::openrouter::detail
