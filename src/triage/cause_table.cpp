// Rows from NeMo Gym's and OpenRouter's own messages: see the spec of what a failed run
// leaves behind (§3 "What the innermost error means", §2 "Log lines") and NeMo Gym's
// responses_api_models/vllm_model/app.py and finance_agent/app.py for the context wordings.
#include "triage/cause_table.hpp"

#include "checks/fix_texts.hpp"
#include "openrouter/api.hpp"
#include "openrouter/curl.hpp"

#include <array>
#include <map>
#include <regex>

namespace ngd::triage {
namespace {

using doctor::status;

constexpr std::string_view openrouter_base = "https://openrouter.ai/api/v1";
// Where NeMo Gym's OpenRouter config reads the key and the model (inference_provider's
// configs/openrouter.yaml interpolates them from env.yaml).
constexpr std::string_view key_place = "policy_api_key (env.yaml), the api_key of the model server";
constexpr std::string_view model_place = "policy_model_name (env.yaml), the model of the model server";

/// A curl line for an OpenRouter route, the key always as $OPENROUTER_API_KEY.
std::string curl_for(std::string_view path, bool with_key = true)
{
    // Any non-empty value makes curl_line write the header; it prints the variable, not this.
    return openrouter::curl_line(openrouter::make_get(openrouter_base, path, with_key ? "placeholder" : ""));
}

std::string check_command(std::string_view id)
{
    return "ngdoctor check " + std::string(id);
}

bool contains(std::string_view text, std::string_view part)
{
    return text.find(part) != std::string_view::npos;
}

bool contains_any(std::string_view text, std::initializer_list<std::string_view> parts)
{
    for (auto p : parts)
        if (contains(text, p)) return true;
    return false;
}

cause make(std::string key, std::string check, status state, std::string summary, doctor::fix remedy,
           std::vector<std::string> details = {})
{
    return {std::move(key), std::move(check), state, std::move(summary), std::move(details), std::move(remedy)};
}

std::string said(const upstream_error& e)
{
    std::string text = e.code ? std::to_string(*e.code) : std::string("error");
    if (!e.message.empty()) text += " \"" + e.message + "\"";
    return text;
}

// The wordings OpenRouter (and the engines behind it) use for a prompt over the context.
bool is_context_message(std::string_view m)
{
    static const std::regex wordings(
        R"(maximum context length is \d+ tokens|context length is (?:only )?\d+ tokens|context window exceeds|)"
        R"(too large for model with \d+ maximum context length|longer than the model's context length|)"
        R"(input exceeded the context window)",
        std::regex::optimize);
    return std::regex_search(m.begin(), m.end(), wordings);
}

cause context_cause(std::vector<std::string> details = {})
{
    details.push_back("NeMo Gym sends no max_tokens unless max_output_tokens is set, so the model's whole output "
                      "budget counts against the context");
    return make("model.context_exceeded", "model.context", status::fail, "the prompt and the output budget exceed the model's context length",
                {"set responses_create_params.max_output_tokens so input + output fit the context, shorten the "
                 "prompts, or use a model with a longer context",
                 {curl_for("/models", false)}},
                std::move(details));
}

cause credits_cause(const upstream_error& e)
{
    std::vector<std::string> details{"OpenRouter said: " + said(e)};
    static const std::regex afford(R"(requested up to (\d+) tokens, but can only afford (\d+))");
    std::smatch m;
    if (std::regex_search(e.message, m, afford))
        details.push_back("OpenRouter reserves the request's max_tokens up front: " + m[1].str() +
                          " tokens were asked for, " + m[2].str() +
                          " were affordable; with no max_output_tokens NeMo Gym sends no max_tokens, so the model's "
                          "whole output budget is reserved (set max_output_tokens lower to run on the credit left)");
    if (contains(e.message, "Prompt tokens limit exceeded"))
        return make("credits.key_limit", "credits", status::fail, "the key's own limit is used up (402)",
                    checks::fix_texts::add_credits(curl_for("/key")), std::move(details));
    return make("credits.exhausted", "credits", status::fail, "OpenRouter refused the request for lack of credits (402)",
                checks::fix_texts::add_credits(curl_for("/key")), std::move(details));
}

cause model_cause(const upstream_error& e)
{
    const std::string& m = e.message;
    std::vector<std::string> details{"OpenRouter said: " + said(e)};
    if (contains(m, "is not a valid model ID")) {
        const std::string id = m.substr(0, m.find(" is not a valid model ID"));
        const bool prefixed = id.find('/') != std::string::npos;
        return make("model.invalid_id", prefixed ? "model.availability" : "model.id_format", status::fail,
                    "OpenRouter does not know the model id '" + id + "'" +
                        (prefixed ? std::string() : " (OpenRouter ids are provider/model-name)"),
                    checks::fix_texts::choose_model(model_place, curl_for("/models", false)), std::move(details));
    }
    if (!e.availability_code.empty()) {
        std::string text = "choose another model";
        if (!e.fallback_models.empty()) {
            text += ", e.g. one of OpenRouter's suggestions:";
            for (const auto& f : e.fallback_models) text += " " + f;
        }
        return make("model.retired", "model.availability", status::fail,
                    "the model is no longer served (" + e.availability_code + ")",
                    {text, {curl_for("/models", false)}}, std::move(details));
    }
    if (contains(m, "matching your data policy"))
        return make("model.data_policy", "model.availability", status::fail,
                    "no endpoint of the model is allowed by the account's data policy (404)",
                    {"allow the providers this model needs at https://openrouter.ai/settings/privacy, or choose "
                     "another model",
                     {curl_for("/models", false)}},
                    std::move(details));
    if (contains(m, "support tool use"))
        return make("model.no_tool_endpoints", "model.availability", status::fail,
                    "no endpoint of the model supports tool use, and the rollouts send tools (404)",
                    {"choose a model whose endpoints list \"tools\" in supported_parameters",
                     {curl_for("/models?supported_parameters=tools", false)}},
                    std::move(details));
    return make("model.no_endpoints", "model.availability", status::fail, "no endpoint serves the model (404)",
                checks::fix_texts::choose_model(model_place, curl_for("/models", false)), std::move(details));
}

cause provider_cause(const upstream_error& e)
{
    std::vector<std::string> details{"OpenRouter said: " + said(e)};
    if (!e.raw.empty()) details.push_back("the provider said: " + e.raw);
    std::string who = e.provider.empty() ? "the provider" : "the provider " + e.provider;
    const std::string code = e.code ? std::to_string(*e.code) : "5xx";
    return make("provider.error." + (e.provider.empty() ? code : e.provider), "provider.status", status::fail,
                who + " failed the requests (" + code + ")",
                {std::string(checks::fix_texts::provider_wait), {curl_for("/models", false)}}, std::move(details));
}

}  // namespace

namespace {

/// Causes already made, by what they were made from: a log repeats the same error or retry
/// line millions of times, and building the finding (texts, curl lines) every time would cost
/// more than reading the line. Bounded: emptied when full (a log of ever-different messages).
template <class Make>
const cause& remembered(std::string memo_key, Make make)
{
    static std::map<std::string, cause, std::less<>> memo;
    constexpr std::size_t most = 4096;
    if (auto it = memo.find(memo_key); it != memo.end()) return it->second;
    if (memo.size() >= most) memo.clear();
    return memo.emplace(std::move(memo_key), make()).first->second;
}

cause make_cause(const upstream_error& e, std::optional<int> http_status);
cause make_cause(sign s, std::string_view subject);

}  // namespace

const cause& cause_of(const upstream_error& e, std::optional<int> http_status)
{
    std::string memo_key = std::to_string(e.code.value_or(-1)) + '|' + std::to_string(http_status.value_or(-1)) + '|' +
                           e.message + '|' + e.provider + '|' + e.raw + '|' + e.availability_code;
    for (const auto& f : e.fallback_models) memo_key.append("|").append(f);
    return remembered(std::move(memo_key), [&] { return make_cause(e, http_status); });
}

const cause& cause_of(sign s, std::string_view subject)
{
    std::string memo_key = "sign|" + std::to_string(static_cast<int>(s)) + '|' + std::string(subject);
    return remembered(std::move(memo_key), [&] { return make_cause(s, subject); });
}

namespace {

cause make_cause(const upstream_error& e, std::optional<int> http_status)
{
    const int code = e.code.value_or(http_status.value_or(0));
    const std::string& m = e.message;
    std::vector<std::string> details;
    if (code == 401 || contains_any(m, {"User not found", "No auth credentials found", "No cookie auth credentials found",
                                        "Missing Authentication header"}))
        return make("key.rejected", "key.status", status::fail, "OpenRouter rejected the key (401)",
                    checks::fix_texts::new_key(key_place, curl_for("/key")), {"OpenRouter said: " + said(e)});
    if (code == 403)
        return make("key.forbidden", "key.status", status::fail, "OpenRouter refused the key (403)",
                    checks::fix_texts::new_key(key_place, curl_for("/key")), {"OpenRouter said: " + said(e)});
    if (code == 402 || contains_any(m, {"requires more credits", "Insufficient credits", "Prompt tokens limit exceeded"}))
        return credits_cause(e);
    if (is_context_message(m)) return context_cause({"OpenRouter said: " + said(e)});
    if (code == 429)
        return make("rate_limits.exceeded", "rate_limits", status::fail, "OpenRouter rate-limited the requests (429)",
                    {"lower the number of requests in flight (num_samples_in_parallel), wait for the limit to reset, "
                     "or use a paid (non-:free) model; NeMo Gym retries a 429 forever, so the run hangs",
                     {curl_for("/key")}},
                    {"OpenRouter said: " + said(e)});
    if (contains(m, "is not a valid model ID") || code == 404 || contains(m, "No endpoints found") ||
        !e.availability_code.empty())
        return model_cause(e);
    if (code >= 500 || contains(m, "Provider returned error") || !e.provider.empty()) return provider_cause(e);
    if (code == 408)
        return make("base_url.timeout", "base_url.reach", status::fail, "the upstream timed out (408)",
                    {"check the network path to the base URL, or retry later", {curl_for("/models", false)}},
                    {"OpenRouter said: " + said(e)});
    return make("upstream.unclassified." + std::to_string(code), "inference.probe", status::fail,
                "the upstream refused the requests: " + said(e),
                {"read the upstream's message above; a tiny live probe shows whether it still happens",
                 {"ngdoctor check-all --live"}},
                {});
}

cause make_empty_body_cause()
{
    return make("provider.server_error", "provider.status", status::fail,
                "the upstream answered 500 three times (NeMo Gym retries a 500 three times, then fails with an "
                "empty body)",
                {std::string(checks::fix_texts::provider_wait) + "; the provider's own logs hold the body",
                 {curl_for("/models", false)}});
}

cause make_cause(sign s, std::string_view subject)
{
    const std::string what(subject);
    switch (s) {
    case sign::rate_limit_retries:
        if (what == "429")
            return make("rate_limits.exceeded", "rate_limits", status::fail,
                        "OpenRouter rate-limited the requests (429), retried forever",
                        {"lower the number of requests in flight (num_samples_in_parallel), wait for the limit to "
                         "reset, or use a paid (non-:free) model; NeMo Gym retries a 429 forever, so the run hangs",
                         {curl_for("/key")}});
        return make("provider.retrying." + what, "provider.status", status::fail,
                    "the upstream answered " + what + " again and again (NeMo Gym retries it forever, so the run hangs)",
                    {std::string(checks::fix_texts::provider_wait), {curl_for("/models", false)}});
    case sign::server_error_retries: return empty_body_cause();
    case sign::connection_retries:
        return make("base_url.unreachable", "base_url.reach", status::fail,
                    "model calls could not connect to " + (what.empty() ? std::string("the base URL") : what) +
                        " (ClientOSError: DNS, refused or TLS), retried forever",
                    {"fix the base URL of the model server, or the network path to it (proxy, firewall)",
                     {what.empty() ? curl_for("/models", false) : "curl -i " + openrouter::shell_quote(what)}});
    case sign::disconnect_retries:
        return make("base_url.disconnects", "base_url.reach", status::fail,
                    "the server at " + (what.empty() ? std::string("the base URL") : what) +
                        " kept closing connections (ServerDisconnectedError), retried forever",
                    {"the server is overloaded or a proxy cuts connections: lower the requests in flight, or check "
                     "the path to it",
                     {}});
    case sign::choices_missing:
        return make("inference.error_in_200", "inference.probe", status::fail,
                    "the upstream answered 200 with an error body instead of choices (KeyError('choices'))",
                    {"the body is an OpenRouter error (key, credits, model): rerun with the bodies printed, or probe "
                     "once live",
                     {"ngdoctor check-all --live", debug_rerun_command()}});
    case sign::endpoint_unresolvable:
        return make("base_url.unresolvable", "base_url.reach", status::fail,
                    "the model endpoint " + what + " does not resolve (DNS)",
                    {"fix the host name in the base URL of the model server", {check_command("base_url.format")}});
    case sign::endpoint_silent:
        return make("base_url.silent", "base_url.reach", status::fail,
                    "the model endpoint " + what + " never answered at startup",
                    {"start the server behind it or fix the base URL",
                     {what.empty() ? curl_for("/models", false) : "curl -i " + openrouter::shell_quote(what + "/models")}});
    case sign::process_died:
        return make("run.process_died", "run.startup", status::fail, "the server process " + what + " finished unexpectedly",
                    {"read the lines above it in that server's log (an ImportError of a broken venv, a port in use)",
                     {}});
    case sign::head_unreachable:
        return make("run.head_unreachable", "run.startup", status::fail,
                    "the head server " + what + " could not be reached",
                    {"start the servers first (ng_run / gym env start) or fix head_server.host/port",
                     {what.empty() ? std::string("curl -s http://127.0.0.1:11000/") : "curl -s " + openrouter::shell_quote(what + "/")}});
    case sign::address_in_use:
        return make("run.address_in_use", "run.startup", status::fail, "a port was already in use" + (what.empty() ? std::string() : " (" + what + ")"),
                    {"stop the other process on that port (a previous run), or set head_server.port",
                     {"ss -ltnp | grep 11000"}});
    case sign::context_incomplete:
        return context_cause({"vllm_model turned the context-length error into an empty, incomplete answer "
                              "(status incomplete, reason max_output_tokens, usage null)"});
    case sign::empty_output:
        return make("run.empty_output", "inference.probe", status::warn, "finished rollouts have no output",
                    {"look at the model server's log for those rows; a tiny live probe shows whether the model answers",
                     {"ngdoctor check-all --live"}});
    case sign::judge_failed:
        return make("run.judge_failed", "run.judge", status::fail, "the judge failed on rollouts: " + what,
                    {"check the judge model server's base URL, key and model like the policy model's", {}});
    case sign::key_in_clear:
        return make("config.key_in_clear", "config.secrets", status::warn, "an API key is written in clear in " + what,
                    {"do not share this file as it is; rotate the key at https://openrouter.ai/keys if it was shared",
                     {}});
    case sign::key_in_request_info:
        return make("config.key_in_clear", "config.secrets", status::warn, "an API key is written in clear in " + what,
                    {"do not share this file as it is; rotate the key at https://openrouter.ai/keys if it was shared "
                     "(Request info: lines come from ++global_aiohttp_client_request_debug=True: leave it off "
                     "once the cause is found)",
                     {}});
    case sign::unexplained:
        return make("run.unexplained", "run.unexplained", status::warn,
                    "rollouts failed, but the logs hold no upstream error (default logging hides the body)",
                    {"rerun the smallest failing case with the upstream error bodies printed, then triage its logs",
                     {debug_rerun_command(subject), "ngdoctor triage nemo_gym_logs"}});
    }
    return make("run.unexplained", "run.unexplained", status::warn, "unknown", {});
}

}  // namespace

const cause& empty_body_cause()
{
    static const cause made = make_empty_body_cause();
    return made;
}

std::string debug_rerun_command(std::string_view overrides)
{
    const std::string base = overrides.empty() ? std::string("\"+config_paths=[${config_paths}]\"") : std::string(overrides);
    return "ng_run " + base + " ++global_aiohttp_client_request_debug=True +nemo_gym_log_dir=nemo_gym_logs";
}

}  // namespace ngd::triage
