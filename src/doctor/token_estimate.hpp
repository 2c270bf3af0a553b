#pragma once
/// A tokenizer-free estimate of how many tokens a request's prompt takes, made to err high:
/// a run planned on it fits the window and the budget the real tokenizer then measures.
///
/// The rule (docs/checks/model.context.md gives its error):
///  - 1 token per 3 ASCII bytes, rounded up (tokenizers of the GPT, Llama and Claude
///    families average about 4 characters a token on English text and code; long digit
///    strings, hex and base64 tokenize denser and can be under-counted, as the docs say);
///  - 1 token per 2 bytes of non-ASCII UTF-8 (an accented letter = 1, a CJK character = 1.5);
///  - 4 tokens for each message and 3 for the request, the chat format's framing.
#include <boost/json/fwd.hpp>

#include <cstdint>
#include <string_view>

namespace ngd::doctor {

/// Tokens of plain text.
std::int64_t estimate_text_tokens(std::string_view text);

/// Tokens of a Responses API request body's prompt: `instructions`, `input` (a string or a
/// list of messages whose content is a string or a list of parts), and the JSON text of
/// `tools` and of a structured-output schema (`text.format`), which the provider also reads.
std::int64_t estimate_prompt_tokens(const boost::json::object& responses_create_params);

}  // namespace ngd::doctor
