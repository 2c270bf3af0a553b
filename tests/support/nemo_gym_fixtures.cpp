// Formatting copied from the code that writes it: nemo_gym/server_utils.py
// (setup_exception_middleware, prefix_server_logs, the request debug lines),
// nemo_gym/openai_utils.py (_request_with_retry), nemo_gym/rollout_collection.py (rows)
// and starlette's JSONResponse.render.
#include "support/nemo_gym_fixtures.hpp"

#include <cstdio>

namespace ngd::test::gym {

std::string py_bytes_repr(std::string_view bytes)
{
    const bool has_single = bytes.find('\'') != std::string_view::npos;
    const bool has_double = bytes.find('"') != std::string_view::npos;
    const char quote = has_single && !has_double ? '"' : '\'';
    std::string out = "b";
    out += quote;
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\\') out += "\\\\";
        else if (c == static_cast<unsigned char>(quote)) out += std::string("\\") + quote;
        else if (c == '\t') out += "\\t";
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c < 0x20 || c >= 0x7f) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            out += hex;
        } else out += ch;
    }
    out += quote;
    return out;
}

std::string json_string(std::string_view text)
{
    std::string out = "\"";
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (c < 0x20) {
                char hex[8];
                std::snprintf(hex, sizeof hex, "\\u%04x", c);
                out += hex;
            } else out += ch;  // ensure_ascii=False: UTF-8 passes through
        }
    }
    return out + "\"";
}

std::string middleware(std::string_view class_key, std::string_view inner_body)
{
    return json_string("Hit an exception in " + std::string(class_key) + " calling an inner server: " +
                       py_bytes_repr(inner_body));
}

std::string nest(std::string_view body, int depth)
{
    std::string out = middleware("InferenceProvider___policy_model", body);
    for (int hop = 1; hop < depth; ++hop) out = middleware("SimpleAgent___my_agent", out);
    return out;
}

std::string error_body(int code, std::string_view message)
{
    return "{\"error\":{\"message\":" + json_string(message) + ",\"code\":" + std::to_string(code) + "}}";
}

std::vector<reference_case> reference_cases()
{
    return {
        {"401_key", error_body(401, "User not found."), "key.status"},
        {"402_credits",
         error_body(402, "This request requires more credits, or fewer max_tokens. You requested up to 16384 tokens, "
                         "but can only afford 3919. To increase, visit https://openrouter.ai/settings/credits and "
                         "upgrade to a paid account"),
         "credits"},
        {"400_model", "{\"error\":{\"message\":\"gpt-4-turbo is not a valid model ID\",\"code\":400},\"user_id\":\"user_X\"}",
         "model.id_format"},
        {"404_datapolicy",
         error_body(404, "No endpoints found matching your data policy (Free model publication). Configure: "
                         "https://openrouter.ai/settings/privacy"),
         "model.availability"},
        {"404_tools",
         error_body(404, "No endpoints found that support tool use. To learn more about provider routing, visit: "
                         "https://openrouter.ai/docs/provider-routing"),
         "model.availability"},
        {"400_context",
         error_body(400, "This endpoint's maximum context length is 131072 tokens. However, you requested about "
                         "138956 tokens (7884 of text input, 131072 in the output). Please reduce the length of "
                         "either one, or use the \"middle-out\" transform to compress your prompt automatically."),
         "model.context"},
    };
}

std::string request_info_line(std::string_view server, std::string_view key)
{
    return "(" + std::string(server) +
           ") Request info: RequestInfo(url=URL('https://openrouter.ai/api/v1/chat/completions'), method='POST', "
           "headers=<CIMultiDictProxy('Authorization': 'Bearer " + std::string(key) +
           "', 'Content-Type': 'application/json')>, real_url=URL('https://openrouter.ai/api/v1/chat/completions'))";
}

std::string response_content_line(std::string_view server, std::string_view body)
{
    return "(" + std::string(server) + ") Response content: " + py_bytes_repr(body);
}

std::string hit_line(std::string_view server, std::string_view class_key, std::string_view inner_body)
{
    return "(" + std::string(server) + ") Hit an exception in " + std::string(class_key) +
           " calling an inner server: " + py_bytes_repr(inner_body);
}

std::string run_failed_line(int task, int rollout)
{
    return "[rollout_collection] /run failed status=500 row={\"_ng_rollout_index\": " + std::to_string(rollout) +
           ", \"_ng_task_index\": " + std::to_string(task) + ", \"agent_name\": \"my_agent\"}";
}

std::string model_retry_line(int status, int attempt, std::string_view body)
{
    const bool limited = status != 500;
    const int max_tries = limited ? 3 + attempt : 3;
    return "(policy_model) [model_retry url=https://openrouter.ai/api/v1/chat/completions status=" +
           std::to_string(status) + " kind=" + (limited ? "rate_limit" : "server_error") +
           " try=" + std::to_string(attempt) + " max_tries=" + std::to_string(max_tries) +
           " error_msg=" + std::string(body.substr(0, 200)) + "]";
}

std::string client_os_error_line(std::string_view url, int count)
{
    return "(policy_model) [request_retry url=" + std::string(url) + " error=ClientOSError retry=" +
           std::to_string(count) + " elapsed_s=" + std::to_string(count / 2) + ".0] Hit " + std::to_string(count) +
           " global `ClientOSError` while querying " + std::string(url) + ".";
}

std::string collector_500_line(int port)
{
    return "aiohttp.client_exceptions.ClientResponseError: 500, message='Internal Server Error', "
           "url='http://127.0.0.1:" + std::to_string(port) + "/run'";
}

std::string server_disconnected_line(std::string_view url, int count)
{
    return "(policy_model) [request_retry url=" + std::string(url) + " error=ServerDisconnectedError retry=" +
           std::to_string(count) + " elapsed_s=" + std::to_string(count / 2) + ".0] Hit " + std::to_string(count) +
           " global `ServerDisconnectedError` while querying " + std::string(url) + ".";
}

std::string choices_missing_line(std::string_view server)
{
    return "\xf0\x9f\x9a\xa8 Caught an exception printed above in " + std::string(server) +
           " (InferenceProvider). If you expect this to be fed back into this model, the exception repr i.e. "
           "`repr(e)` must be returned to the model. However, it is not currently being returned. repr(e): "
           "KeyError('choices')";
}

std::string endpoint_unresolvable_line(std::string_view url, std::string_view key)
{
    return "Model endpoint " + std::string(url) + " (" + std::string(key) +
           ") does not resolve. Waiting cannot fix a hostname, so it is not retried.";
}

std::string endpoints_never_answered_lines(std::string_view url, std::string_view key, int seconds)
{
    return "1 model endpoint(s) never answered within " + std::to_string(seconds) + "s:\n  - " + std::string(url) +
           " (from `" + std::string(key) + "`)";
}

std::string process_finished_line(std::string_view name)
{
    return "Process `" + std::string(name) + "` finished unexpectedly!";
}

std::string head_server_unreachable_line(std::string_view host_port)
{
    return "Could not connect to the head server at http://" + std::string(host_port) +
           ". Perhaps you are not running a server or your head server is on a different port?";
}

std::string address_in_use_line(int port)
{
    return "ERROR:    [Errno 98] error while attempting to bind on address ('127.0.0.1', " + std::to_string(port) +
           "): address already in use";
}

std::string provider_error_body(int code, std::string_view provider, std::string_view raw)
{
    return "{\"error\":{\"message\":\"Provider returned error\",\"code\":" + std::to_string(code) +
           ",\"metadata\":{\"raw\":" + json_string(raw) + ",\"provider_name\":" + json_string(provider) + "}}}";
}

std::string retired_model_body(std::string_view model, std::string_view availability_code, std::string_view fallback)
{
    return "{\"error\":{\"message\":" + json_string("No endpoints found for " + std::string(model) + ".") +
           ",\"code\":404,\"availability\":{\"code\":" + json_string(availability_code) +
           ",\"fallback_models\":[" + json_string(fallback) + "]}}}";
}

std::string materialized_row(int task, int rollout)
{
    return "{\"responses_create_params\": {\"input\": [{\"role\": \"user\", \"content\": \"task " +
           std::to_string(task) + "\"}]}, \"_ng_task_index\": " + std::to_string(task) +
           ", \"_ng_rollout_index\": " + std::to_string(rollout) +
           ", \"agent_ref\": {\"type\": \"responses_api_agents\", \"name\": \"my_agent\"}}";
}

std::string success_row(int task, int rollout, double reward, std::string_view response_id)
{
    char r[32];
    std::snprintf(r, sizeof r, "%.1f", reward);
    return "{\"_ng_task_index\": " + std::to_string(task) + ", \"_ng_rollout_index\": " + std::to_string(rollout) +
           ", \"response\": {\"id\": " + json_string(response_id) + ", \"status\": \"completed\", \"error\": null, \"incomplete_details\": "
           "null, \"usage\": {\"input_tokens\": 12, \"output_tokens\": 30}, \"output\": [{\"type\": \"message\", "
           "\"role\": \"assistant\", \"content\": [{\"type\": \"output_text\", \"text\": \"42\"}]}]}, \"reward\": " +
           r + "}";
}

std::string vllm_incomplete_row(int task, int rollout)
{
    return "{\"_ng_task_index\": " + std::to_string(task) + ", \"_ng_rollout_index\": " + std::to_string(rollout) +
           ", \"response\": {\"id\": \"chtcmpl-123\", \"status\": \"incomplete\", \"error\": null, "
           "\"incomplete_details\": {\"reason\": \"max_output_tokens\"}, \"usage\": null, \"output\": []}, "
           "\"reward\": 0.0}";
}

std::string failure_row(int task, int rollout, std::string_view failure_class, std::string_view judge_error)
{
    std::string row = "{\"_ng_task_index\": " + std::to_string(task) + ", \"_ng_rollout_index\": " +
                      std::to_string(rollout) + ", \"_ng_failure_class\": " + json_string(failure_class);
    if (!judge_error.empty()) row += ", \"_ng_failure_judge_error\": " + json_string(judge_error);
    return row + "}";
}

}  // namespace ngd::test::gym
