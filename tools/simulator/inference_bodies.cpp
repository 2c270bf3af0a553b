#include "simulator/inference_bodies.hpp"

#include <boost/json.hpp>

namespace ngd::sim {
namespace {

namespace json = boost::json;

json::object chat_usage(const completion& c)
{
    return {{"prompt_tokens", c.prompt_tokens},
            {"completion_tokens", c.completion_tokens},
            {"total_tokens", c.prompt_tokens + c.completion_tokens},
            {"cost", c.cost},
            {"is_byok", false},
            {"prompt_tokens_details", {{"cached_tokens", 0}}},
            {"completion_tokens_details", {{"reasoning_tokens", 0}}}};
}

const char* finish_reason(const completion& c) { return c.cut_by_max_tokens ? "length" : "stop"; }

json::object chunk(const completion& c, json::array choices)
{
    return {{"id", c.id},         {"provider", c.provider}, {"model", c.model},
            {"object", "chat.completion.chunk"}, {"created", c.created}, {"system_fingerprint", nullptr},
            {"choices", std::move(choices)}};
}

std::string sse(const json::object& event) { return "data: " + json::serialize(event) + "\n\n"; }

std::string named_sse(std::string_view type, json::object event)
{
    event["type"] = type;
    return "event: " + std::string(type) + "\ndata: " + json::serialize(event) + "\n\n";
}

std::string message_id(const completion& c) { return "msg_" + c.id.substr(c.id.find('_') + 1); }

json::object output_message(const completion& c, std::string_view status, std::string_view text)
{
    json::array content;
    if (status == "completed")
        content.push_back({{"type", "output_text"}, {"text", text}, {"annotations", json::array{}}, {"logprobs", json::array{}}});
    return {{"type", "message"}, {"id", message_id(c)}, {"role", "assistant"}, {"status", status}, {"content", std::move(content)}};
}

json::object response_object(const completion& c, std::string_view status)
{
    const bool done = status != "in_progress";
    json::object r;
    r["id"] = c.id;
    r["object"] = "response";
    r["created_at"] = c.created;
    r["completed_at"] = done ? json::value(c.created) : json::value(nullptr);
    r["model"] = c.model;
    r["status"] = done && c.cut_by_max_tokens ? "incomplete" : status;
    r["error"] = nullptr;
    r["incomplete_details"] = done && c.cut_by_max_tokens ? json::value({{"reason", "max_output_tokens"}}) : json::value(nullptr);
    r["output"] = done ? json::array{output_message(c, "completed", c.text)} : json::array{};
    r["usage"] = done ? json::value({{"input_tokens", c.prompt_tokens},
                                     {"input_tokens_details", {{"cached_tokens", 0}}},
                                     {"output_tokens", c.completion_tokens},
                                     {"output_tokens_details", {{"reasoning_tokens", 0}}},
                                     {"total_tokens", c.prompt_tokens + c.completion_tokens},
                                     {"cost", c.cost}})
                      : json::value(nullptr);
    r["parallel_tool_calls"] = true;
    r["tool_choice"] = "auto";
    r["tools"] = json::array{};
    r["temperature"] = nullptr;
    r["top_p"] = nullptr;
    r["instructions"] = nullptr;
    r["max_output_tokens"] = nullptr;
    r["metadata"] = nullptr;
    r["frequency_penalty"] = nullptr;
    r["presence_penalty"] = nullptr;
    return r;
}

}  // namespace

std::string chat_completion_body(const completion& c)
{
    json::object message{{"role", "assistant"}, {"content", c.text}, {"refusal", nullptr}, {"reasoning", nullptr}};
    json::object choice{{"index", 0},
                        {"logprobs", nullptr},
                        {"finish_reason", finish_reason(c)},
                        {"native_finish_reason", finish_reason(c)},
                        {"message", std::move(message)}};
    json::object body{{"id", c.id},
                      {"provider", c.provider},
                      {"model", c.model},
                      {"object", "chat.completion"},
                      {"created", c.created},
                      {"system_fingerprint", "fp_" + c.id.substr(c.id.size() - 10)},
                      {"choices", json::array{std::move(choice)}},
                      {"usage", chat_usage(c)}};
    return json::serialize(body);
}

std::string chat_completion_stream(const completion& c)
{
    std::string stream = ": OPENROUTER PROCESSING\n\n";
    stream += sse(chunk(c, json::array{{{"index", 0},
                                        {"delta", {{"role", "assistant"}, {"content", c.text}}},
                                        {"finish_reason", nullptr},
                                        {"native_finish_reason", nullptr},
                                        {"logprobs", nullptr}}}));
    stream += sse(chunk(c, json::array{{{"index", 0},
                                        {"delta", {{"role", "assistant"}, {"content", ""}}},
                                        {"finish_reason", finish_reason(c)},
                                        {"native_finish_reason", finish_reason(c)},
                                        {"logprobs", nullptr}}}));
    auto last = chunk(c, json::array{});
    last["usage"] = chat_usage(c);
    stream += sse(last);
    stream += "data: [DONE]\n\n";
    return stream;
}

std::string response_body(const completion& c) { return json::serialize(response_object(c, "completed")); }

std::string response_stream(const completion& c)
{
    const auto item = message_id(c);
    std::string stream;
    int sequence = 0;
    stream += named_sse("response.created", {{"response", response_object(c, "in_progress")}, {"sequence_number", sequence++}});
    stream += named_sse("response.output_item.added",
                        {{"output_index", 0}, {"item", output_message(c, "in_progress", "")}, {"sequence_number", sequence++}});
    stream += named_sse("response.output_text.delta", {{"item_id", item}, {"output_index", 0}, {"content_index", 0},
                                                       {"delta", c.text}, {"logprobs", json::array{}},
                                                       {"sequence_number", sequence++}});
    stream += named_sse("response.output_text.done", {{"item_id", item}, {"output_index", 0}, {"content_index", 0},
                                                      {"text", c.text}, {"logprobs", json::array{}},
                                                      {"sequence_number", sequence++}});
    stream += named_sse("response.output_item.done",
                        {{"output_index", 0}, {"item", output_message(c, "completed", c.text)}, {"sequence_number", sequence++}});
    stream += named_sse("response.completed", {{"response", response_object(c, "completed")}, {"sequence_number", sequence++}});
    return stream;
}

}  // namespace ngd::sim
