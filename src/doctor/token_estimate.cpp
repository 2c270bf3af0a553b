#include "doctor/token_estimate.hpp"

#include <boost/json.hpp>

namespace ngd::doctor {
namespace {

namespace json = boost::json;

constexpr std::int64_t ascii_bytes_per_token = 3;
constexpr std::int64_t other_bytes_per_token = 2;
constexpr std::int64_t tokens_per_message = 4;  // role and separators of the chat format
constexpr std::int64_t tokens_per_request = 3;  // the assistant's reply priming

std::int64_t value_tokens(const json::value& v);

// Message content: a string, or parts ({"type": "input_text", "text": ...}, images, files).
std::int64_t content_tokens(const json::value& content)
{
    if (content.is_string()) return estimate_text_tokens(content.as_string());
    if (!content.is_array()) return value_tokens(content);
    std::int64_t n = 0;
    for (const auto& part : content.as_array()) {
        const auto* text = part.is_object() ? part.as_object().if_contains("text") : nullptr;
        n += text && text->is_string() ? estimate_text_tokens(text->as_string()) : value_tokens(part);
    }
    return n;
}

// Anything else is counted as the JSON text the provider receives.
std::int64_t value_tokens(const json::value& v)
{
    if (v.is_null()) return 0;
    if (v.is_string()) return estimate_text_tokens(v.as_string());
    return estimate_text_tokens(json::serialize(v));
}

}  // namespace

std::int64_t estimate_text_tokens(std::string_view text)
{
    std::int64_t ascii = 0, other = 0;
    for (unsigned char c : text) (c < 0x80 ? ascii : other) += 1;
    return (ascii + ascii_bytes_per_token - 1) / ascii_bytes_per_token +
           (other + other_bytes_per_token - 1) / other_bytes_per_token;
}

std::int64_t estimate_prompt_tokens(const json::object& params)
{
    std::int64_t n = tokens_per_request;
    if (const auto* instructions = params.if_contains("instructions"))
        n += tokens_per_message + value_tokens(*instructions);
    if (const auto* input = params.if_contains("input")) {
        if (input->is_array()) {
            for (const auto& item : input->as_array()) {
                n += tokens_per_message;
                const auto* content = item.is_object() ? item.as_object().if_contains("content") : nullptr;
                n += content ? content_tokens(*content) : value_tokens(item);
            }
        } else {
            n += tokens_per_message + value_tokens(*input);
        }
    }
    if (const auto* tools = params.if_contains("tools")) n += value_tokens(*tools);
    if (const auto* text = params.if_contains("text"); text && text->is_object())
        if (const auto* format = text->as_object().if_contains("format")) n += value_tokens(*format);
    return n;
}

}  // namespace ngd::doctor
