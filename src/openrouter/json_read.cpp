#include "openrouter/json_read.hpp"

#include <boost/json.hpp>

#include <cctype>
#include <cmath>
#include <limits>

namespace ngd::openrouter::detail {

void read_state::fail(std::string path, std::string message)
{
    if (!error) error = parse_error{std::move(path), std::move(message)};
}

namespace {

bool looks_like_html(std::string_view body)
{
    const auto start = body.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return false;
    const auto head = body.substr(start, 15);
    auto lower = std::string(head);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower.starts_with("<!doctype html") || lower.starts_with("<html");
}

std::string expected_text(std::string_view expected, bool null_allowed)
{
    return "expected " + std::string(expected) + (null_allowed ? " or null" : "");
}

std::string mismatch(std::string_view expected, bool null_allowed, const json::value& got)
{
    return expected_text(expected, null_allowed) + ", got " + std::string(kind_name(got));
}

}  // namespace

std::string value_place::str() const
{
    if (indexed_) return parent_ + "[" + std::to_string(index_) + "]";
    return parent_.empty() ? std::string(key_) : parent_ + "." + std::string(key_);
}

std::optional<json::value> parse_body(std::string_view body, read_state& state)
{
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        state.fail("", "empty body, expected JSON");
        return std::nullopt;
    }
    if (looks_like_html(body)) {
        state.fail("", "an HTML page, expected JSON");
        return std::nullopt;
    }
    json::parse_options options;
    options.max_depth = 64;
    json::parser parser(json::storage_ptr(), options);
    boost::system::error_code ec;
    const std::size_t used = parser.write(body.data(), body.size(), ec);
    if (!ec) {
        auto doc = parser.release();
        return doc;
    }
    state.fail("", "not valid JSON (" + ec.message() + " at byte " + std::to_string(used) + ")");
    return std::nullopt;
}

std::string_view kind_name(const json::value& v)
{
    switch (v.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: return "a number";
    case json::kind::string: return "a string";
    case json::kind::array: return "an array";
    case json::kind::object: return "an object";
    }
    return "an unknown value";
}

std::optional<std::string> as_string(const json::value& v, const value_place& where, read_state& state,
                                     bool null_allowed)
{
    if (v.is_string()) return std::string(v.get_string());
    if (!(null_allowed && v.is_null())) state.fail(where.str(), mismatch("a string", null_allowed, v));
    return std::nullopt;
}

std::optional<double> as_number(const json::value& v, const value_place& where, read_state& state,
                                bool null_allowed)
{
    double d = 0;
    if (v.is_int64()) d = static_cast<double>(v.get_int64());
    else if (v.is_uint64()) d = static_cast<double>(v.get_uint64());
    else if (v.is_double()) d = v.get_double();
    else {
        if (!(null_allowed && v.is_null())) state.fail(where.str(), mismatch("a number", null_allowed, v));
        return std::nullopt;
    }
    if (!std::isfinite(d)) {
        state.fail(where.str(), expected_text("a finite number", null_allowed) + ", got a number out of range");
        return std::nullopt;
    }
    return d;
}

std::optional<std::int64_t> as_integer(const json::value& v, const value_place& where, read_state& state,
                                       bool null_allowed)
{
    if (v.is_int64()) return v.get_int64();
    if (v.is_uint64()) {
        if (v.get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return static_cast<std::int64_t>(v.get_uint64());
        state.fail(where.str(), expected_text("an integer", null_allowed) + ", got a number out of range");
        return std::nullopt;
    }
    if (v.is_double()) {
        const double d = v.get_double();
        // 2^63 is the first double past int64's range.
        if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9.2233720368547758e18)
            return static_cast<std::int64_t>(d);
        state.fail(where.str(), expected_text("an integer", null_allowed) +
                             (std::isfinite(d) && d == std::trunc(d) ? ", got a number out of range"
                                                                     : ", got a fractional number"));
        return std::nullopt;
    }
    if (!(null_allowed && v.is_null())) state.fail(where.str(), mismatch("an integer", null_allowed, v));
    return std::nullopt;
}

std::optional<bool> as_boolean(const json::value& v, const value_place& where, read_state& state,
                               bool null_allowed)
{
    if (v.is_bool()) return v.get_bool();
    if (!(null_allowed && v.is_null())) state.fail(where.str(), mismatch("a boolean", null_allowed, v));
    return std::nullopt;
}

array_reader::array_reader(const json::array* array, std::string path, read_state& state)
    : array_(array), path_(std::move(path)), state_(&state)
{
}

object_reader array_reader::object(std::size_t i) const
{
    const auto path = value_place(path_, i).str();
    if (!array_ || i >= array_->size()) return {nullptr, path, *state_};
    const auto& v = (*array_)[i];
    if (v.is_object()) return {&v.get_object(), path, *state_};
    state_->fail(path, mismatch("an object", false, v));
    return {nullptr, path, *state_};
}

std::optional<std::string> array_reader::string(std::size_t i) const
{
    if (!array_ || i >= array_->size()) return std::nullopt;
    return as_string((*array_)[i], value_place(path_, i), *state_, false);
}

object_reader::object_reader(const json::object* object, std::string path, read_state& state)
    : object_(object), path_(std::move(path)), state_(&state)
{
}

bool object_reader::has(std::string_view key) const
{
    return object_ && object_->contains(key);
}

const json::value* object_reader::find(std::string_view key) const
{
    return (object_ && !state_->failed()) ? object_->if_contains(key) : nullptr;
}

const json::value* object_reader::require(std::string_view key, std::string_view expected)
{
    if (!object_ || state_->failed()) return nullptr;
    const auto* v = object_->if_contains(key);
    if (!v) state_->fail(child_path(key), "missing, expected " + std::string(expected));
    return v;
}

std::string object_reader::string(std::string_view key)
{
    const auto* v = require(key, "a string");
    return v ? as_string(*v, place(key), *state_, false).value_or("") : "";
}

double object_reader::number(std::string_view key)
{
    const auto* v = require(key, "a number");
    return v ? as_number(*v, place(key), *state_, false).value_or(0.0) : 0.0;
}

std::int64_t object_reader::integer(std::string_view key)
{
    const auto* v = require(key, "an integer");
    return v ? as_integer(*v, place(key), *state_, false).value_or(0) : 0;
}

bool object_reader::boolean(std::string_view key)
{
    const auto* v = require(key, "a boolean");
    return v ? as_boolean(*v, place(key), *state_, false).value_or(false) : false;
}

object_reader object_reader::object(std::string_view key)
{
    const auto* v = require(key, "an object");
    if (v && v->is_object()) return {&v->get_object(), child_path(key), *state_};
    if (v) state_->fail(child_path(key), mismatch("an object", false, *v));
    return {nullptr, child_path(key), *state_};
}

array_reader object_reader::array(std::string_view key)
{
    const auto* v = require(key, "an array");
    if (v && v->is_array()) return {&v->get_array(), child_path(key), *state_};
    if (v) state_->fail(child_path(key), mismatch("an array", false, *v));
    return {nullptr, child_path(key), *state_};
}

std::optional<std::string> object_reader::opt_string(std::string_view key)
{
    const auto* v = find(key);
    return v ? as_string(*v, place(key), *state_, true) : std::nullopt;
}

std::optional<double> object_reader::opt_number(std::string_view key)
{
    const auto* v = find(key);
    return v ? as_number(*v, place(key), *state_, true) : std::nullopt;
}

std::optional<std::int64_t> object_reader::opt_integer(std::string_view key)
{
    const auto* v = find(key);
    return v ? as_integer(*v, place(key), *state_, true) : std::nullopt;
}

std::optional<bool> object_reader::opt_boolean(std::string_view key)
{
    const auto* v = find(key);
    return v ? as_boolean(*v, place(key), *state_, true) : std::nullopt;
}

std::optional<object_reader> object_reader::opt_object(std::string_view key)
{
    const auto* v = find(key);
    if (!v || v->is_null()) return std::nullopt;
    if (v->is_object()) return object_reader(&v->get_object(), child_path(key), *state_);
    state_->fail(child_path(key), mismatch("an object", true, *v));
    return std::nullopt;
}

std::optional<array_reader> object_reader::opt_array(std::string_view key)
{
    const auto* v = find(key);
    if (!v || v->is_null()) return std::nullopt;
    if (v->is_array()) return array_reader(&v->get_array(), child_path(key), *state_);
    state_->fail(child_path(key), mismatch("an array", true, *v));
    return std::nullopt;
}

std::vector<std::string> object_reader::strings(std::string_view key)
{
    std::vector<std::string> out;
    const auto list = opt_array(key);
    if (!list) return out;
    for (std::size_t i = 0; i < list->size() && !state_->failed(); ++i)
        if (auto s = list->string(i)) out.push_back(std::move(*s));
    return out;
}

std::optional<std::string> object_reader::opt_scalar_text(std::string_view key)
{
    const auto* v = find(key);
    if (!v || v->is_null()) return std::nullopt;
    if (v->is_string()) return std::string(v->get_string());
    if (v->is_number() || v->is_bool()) return json::serialize(*v);
    state_->fail(child_path(key), mismatch("a string or a number", true, *v));
    return std::nullopt;
}

std::optional<std::string> object_reader::opt_raw_text(std::string_view key)
{
    const auto* v = find(key);
    if (!v || v->is_null()) return std::nullopt;
    if (v->is_string()) return std::string(v->get_string());
    return json::serialize(*v);
}

}  // namespace ngd::openrouter::detail
