#include "openrouter/chat.hpp"

#include "openrouter/json_read.hpp"

#include <boost/json.hpp>

namespace ngd::openrouter {

namespace {

using detail::object_reader;

std::optional<inline_error> read_inline_error(object_reader& parent)
{
    auto e = parent.opt_object("error");
    if (!e) return std::nullopt;
    inline_error out;
    out.code = e->opt_integer("code");
    out.message = e->opt_string("message").value_or("");
    if (auto m = e->opt_object("metadata")) out.error_type = m->opt_string("error_type");
    return out;
}

chat_choice read_choice(object_reader& c)
{
    chat_choice out;
    out.index = c.opt_integer("index").value_or(0);
    if (auto message = c.opt_object("message")) {
        out.role = message->opt_string("role");
        out.content = message->opt_string("content");
    }
    out.finish_reason = c.opt_string("finish_reason");
    out.native_finish_reason = c.opt_string("native_finish_reason");
    out.error = read_inline_error(c);
    return out;
}

std::optional<chat_usage> read_usage(object_reader& root)
{
    auto u = root.opt_object("usage");
    if (!u) return std::nullopt;
    chat_usage out;
    out.prompt_tokens = u->opt_integer("prompt_tokens").value_or(0);
    out.completion_tokens = u->opt_integer("completion_tokens").value_or(0);
    out.total_tokens = u->opt_integer("total_tokens").value_or(0);
    out.cost = u->opt_number("cost");
    return out;
}

chat_completion read_chat(object_reader& root)
{
    chat_completion out;
    out.id = root.string("id");
    out.model = root.opt_string("model").value_or("");
    out.provider = root.opt_string("provider");
    out.created = root.opt_integer("created");
    out.choices = root.array("choices").map_objects(read_choice);
    out.usage = read_usage(root);
    out.error = read_inline_error(root);
    return out;
}

// The text of the first output message; "" when the model wrote none.
chat_choice read_output(object_reader& root)
{
    chat_choice out;
    out.role = "assistant";
    auto output = root.opt_array("output");
    for (std::size_t i = 0; output && i < output->size(); ++i) {
        auto item = output->object(i);
        if (!item.valid() || item.opt_string("type").value_or("") != "message") continue;
        auto content = item.opt_array("content");
        std::string text;
        for (std::size_t j = 0; content && j < content->size(); ++j) {
            auto part = content->object(j);
            if (part.valid() && part.opt_string("type").value_or("") == "output_text")
                text += part.opt_string("text").value_or("");
        }
        out.content = text;
        break;
    }
    return out;
}

chat_completion read_response(object_reader& root)
{
    chat_completion out;
    out.id = root.string("id");
    out.model = root.opt_string("model").value_or("");
    out.provider = root.opt_string("provider");
    out.created = root.opt_integer("created_at");
    const std::string status = root.opt_string("status").value_or("");
    chat_choice choice = read_output(root);
    if (status == "incomplete") choice.finish_reason = "length";
    else if (status == "completed") choice.finish_reason = "stop";
    out.choices.push_back(std::move(choice));
    if (status == "failed") {
        // A failed object's error.code is a string ("server_error"); the type is top-level.
        inline_error e;
        if (auto error = root.opt_object("error")) e.message = error->opt_scalar_text("message").value_or("");
        e.error_type = root.opt_string("error_type");
        out.error = std::move(e);
    }
    if (auto u = root.opt_object("usage")) {
        chat_usage usage;
        usage.prompt_tokens = u->opt_integer("input_tokens").value_or(0);
        usage.completion_tokens = u->opt_integer("output_tokens").value_or(0);
        usage.total_tokens = u->opt_integer("total_tokens").value_or(usage.prompt_tokens + usage.completion_tokens);
        usage.cost = u->opt_number("cost");
        out.usage = usage;
    }
    return out;
}

}  // namespace

parse_result<chat_completion> parse_response_object(std::string_view body)
{
    return detail::read_document<chat_completion>(body, read_response);
}

std::string responses_probe_body(std::string_view model, std::string_view prompt, int max_output_tokens)
{
    boost::json::object body{{"model", model}, {"input", prompt}, {"max_output_tokens", max_output_tokens}};
    return boost::json::serialize(body);
}

std::optional<std::string> chat_completion::first_content() const
{
    return choices.empty() ? std::nullopt : choices.front().content;
}

parse_result<chat_completion> parse_chat_completion(std::string_view body)
{
    return detail::read_document<chat_completion>(body, read_chat);
}

std::string chat_probe_body(std::string_view model, std::string_view prompt, int max_tokens)
{
    boost::json::object message{{"role", "user"}, {"content", prompt}};
    boost::json::object body{{"model", model},
                             {"messages", boost::json::array{std::move(message)}},
                             {"max_tokens", max_tokens}};
    return boost::json::serialize(body);
}

}  // namespace ngd::openrouter
