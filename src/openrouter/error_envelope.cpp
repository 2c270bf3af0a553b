#include "openrouter/error_envelope.hpp"

#include "openrouter/json_read.hpp"

#include <boost/json.hpp>

namespace ngd::openrouter {

namespace {

using detail::object_reader;

std::optional<std::int64_t> header_number(object_reader& headers, std::string_view key)
{
    // Sent as strings ("50"); a plain number is taken too.
    const auto text = headers.opt_scalar_text(key);
    return text ? parse_header_integer(*text) : std::nullopt;
}

rate_limit_headers read_echoed_headers(object_reader& metadata)
{
    auto headers = metadata.opt_object("headers");
    if (!headers) return {};
    return {header_number(*headers, "X-RateLimit-Limit"), header_number(*headers, "X-RateLimit-Remaining"),
            header_number(*headers, "X-RateLimit-Reset")};
}

error_metadata read_metadata(object_reader& m)
{
    error_metadata out;
    out.provider_name = m.opt_string("provider_name");
    out.raw = m.opt_raw_text("raw");
    out.error_type = m.opt_string("error_type");
    out.provider_code = m.opt_scalar_text("provider_code");
    out.limit_source = m.opt_string("limit_source");
    out.remedy_hint = m.opt_string("remedy_hint");
    out.headers = read_echoed_headers(m);
    out.available_providers = m.strings("available_providers");
    out.requested_providers = m.strings("requested_providers");
    return out;
}

model_availability read_availability(object_reader& a)
{
    model_availability out;
    out.code = a.string("code");
    out.retryable = a.opt_boolean("retryable");
    out.requested_models = a.strings("requested_models");
    out.retry_after = a.opt_number("retry_after");
    out.fallback_models = a.strings("fallback_models");
    out.docs_url = a.opt_string("docs_url");
    return out;
}

// `code` is a number on most routes and a string on the Responses API.
void read_code(object_reader& error, error_envelope& e)
{
    const auto* code = error.find("code");
    if (!code || code->is_null()) return;
    if (code->is_string()) {
        e.code_text = std::string(code->get_string());
        e.code = parse_header_integer(*e.code_text);  // "429" also counts as the number
    } else {
        e.code = error.opt_integer("code");
    }
}

error_envelope read_envelope(object_reader& root)
{
    error_envelope e;
    auto error = root.object("error");
    read_code(error, e);
    e.message = error.string("message");
    if (auto m = error.opt_object("metadata")) e.metadata = read_metadata(*m);
    if (auto a = error.opt_object("availability")) e.availability = read_availability(*a);
    e.user_id = root.opt_string("user_id");
    const auto status = root.opt_string("status");
    e.responses_failed_object = status == "failed";
    if (e.responses_failed_object) e.response_id = root.opt_string("id");
    const auto inner_type = error.opt_string("error_type");
    const auto outer_type = root.opt_string("error_type");
    e.error_type = e.metadata && e.metadata->error_type ? e.metadata->error_type
                   : inner_type                         ? inner_type
                                                        : outer_type;
    return e;
}

}  // namespace

parse_result<error_envelope> parse_error_envelope(std::string_view body)
{
    return detail::read_document<error_envelope>(body, read_envelope);
}

}  // namespace ngd::openrouter

namespace ngd::openrouter {

std::optional<std::string> loose_error_message(std::string_view body)
{
    detail::read_state state;
    const auto doc = detail::parse_body(body, state);
    if (!doc || !doc->is_object()) return std::nullopt;
    for (const auto* key : {"message", "detail"})
        if (const auto* v = doc->get_object().if_contains(key); v && v->is_string())
            return std::string(v->get_string());
    return std::nullopt;
}

}  // namespace ngd::openrouter
