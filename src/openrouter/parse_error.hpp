#pragma once
/// The outcome of reading a response body: a typed value, or the first place where the
/// body did not have the expected shape.
#include <optional>
#include <string>
#include <utility>

namespace ngd::openrouter {

/// Where a body went wrong: the JSON path of the field ("data.limit_remaining",
/// "data[3].pricing.prompt"; empty for the body as a whole) and what was wrong there.
struct parse_error {
    std::string path;
    std::string message;  ///< e.g. "expected a number or null, got a string"

    /// "data.limit_remaining: expected a number or null, got a string"; "top level: ..." for the body.
    std::string text() const { return (path.empty() ? std::string("top level") : path) + ": " + message; }
};

/// Either the parsed value or the parse error.
template <class T>
struct parse_result {
    std::optional<T> value;
    parse_error error;  ///< meaningful only when there is no value

    bool ok() const { return value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T& operator*() const { return *value; }
    const T* operator->() const { return &*value; }
};

}  // namespace ngd::openrouter
