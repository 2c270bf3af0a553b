#pragma once
/// NeMo Gym's traces made the way NeMo Gym makes them: starlette's JSONResponse.render
/// (json.dumps, ensure_ascii=False, compact) over the exception middleware's message, with
/// Python's bytes repr in between, the log line shapes and the rollout file rows. Tests
/// build every fixture from these rather than from copied files.
#include <string>
#include <string_view>
#include <vector>

namespace ngd::test::gym {

/// Python's repr() of a bytes object (b'...' or b"...", \xNN for non-printable bytes).
std::string py_bytes_repr(std::string_view bytes);

/// json.dumps(text, ensure_ascii=False, separators=(",", ":")).
std::string json_string(std::string_view text);

/// One middleware hop: the JSON body a server answers when an inner call raised.
std::string middleware(std::string_view class_key, std::string_view inner_body);

/// `body` (an OpenRouter answer) as it comes out after `depth` hops: 1 = the model server's
/// 500 body, 2 = the agent's /v1/responses, 3 = the /run body the collector receives, 4 = one
/// more agent in between.
std::string nest(std::string_view body, int depth);

/// `{"error":{"message":...,"code":N}}`
std::string error_body(int code, std::string_view message);

/// The OpenRouter bodies of the reference cases (401 key, 402 credits, 400 model, 404 data
/// policy, 404 tools, 400 context).
struct reference_case {
    std::string name;
    std::string body;
    std::string check_id;  ///< the check that owns the cause
};
std::vector<reference_case> reference_cases();

/// A canary key shaped like a real one; tests assert it never appears in any output.
inline const std::string canary_key =
    "sk-or-v1-c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00";

/// Log lines, each with the `(<server>) ` prefix NeMo Gym puts on server output.
std::string request_info_line(std::string_view server, std::string_view key);
std::string response_content_line(std::string_view server, std::string_view body);
std::string hit_line(std::string_view server, std::string_view class_key, std::string_view inner_body);
std::string run_failed_line(int task, int rollout);
std::string model_retry_line(int status, int attempt, std::string_view body);
std::string client_os_error_line(std::string_view url, int count);
std::string collector_500_line(int port);
std::string server_disconnected_line(std::string_view url, int count);
/// The traceback's last line when a 200 carried an error body (inference_provider/app.py).
std::string choices_missing_line(std::string_view server);

/// Startup messages of nemo_gym/cli/env.py.
std::string endpoint_unresolvable_line(std::string_view url, std::string_view key);
std::string endpoints_never_answered_lines(std::string_view url, std::string_view key, int seconds);
std::string process_finished_line(std::string_view name);
std::string head_server_unreachable_line(std::string_view host_port);
std::string address_in_use_line(int port);

/// More OpenRouter bodies: a provider's failure (metadata.raw, metadata.provider_name) and a
/// retired model (availability.code, fallback_models).
std::string provider_error_body(int code, std::string_view provider, std::string_view raw);
std::string retired_model_body(std::string_view model, std::string_view availability_code, std::string_view fallback);

/// Rollout file rows.
std::string materialized_row(int task, int rollout);
std::string success_row(int task, int rollout, double reward, std::string_view response_id = "resp_1");
std::string vllm_incomplete_row(int task, int rollout);
std::string failure_row(int task, int rollout, std::string_view failure_class, std::string_view judge_error = {});

}  // namespace ngd::test::gym
