// Line shapes from NeMo Gym: nemo_gym/server_utils.py (prefix_server_logs, the request
// debug lines, setup_exception_middleware), nemo_gym/openai_utils.py (_request_with_retry)
// and nemo_gym/cli/env.py (startup).
#include "triage/log_scanner.hpp"

#include "triage/markers.hpp"
#include <cctype>
#include "triage/redact.hpp"
#include "triage/unwrap.hpp"

#include <charconv>

namespace ngd::triage {
namespace {

/// The value after `name` up to a space or ']' ("" when absent).
std::string_view field(std::string_view line, std::string_view name)
{
    std::size_t at = line.find(name);
    while (at != std::string_view::npos && at > 0 && line[at - 1] != ' ' && line[at - 1] != '[')
        at = line.find(name, at + 1);
    if (at == std::string_view::npos) return {};
    at += name.size();
    std::size_t end = at;
    while (end < line.size() && line[end] != ' ' && line[end] != ']') ++end;
    return line.substr(at, end - at);
}

std::int64_t number(std::string_view text)
{
    std::int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

/// The text between the first pair of backticks after `from`.
std::string_view backticked(std::string_view line, std::size_t from = 0)
{
    const std::size_t open = line.find('`', from);
    if (open == std::string_view::npos) return {};
    const std::size_t close = line.find('`', open + 1);
    if (close == std::string_view::npos) return {};
    return line.substr(open + 1, close - open - 1);
}

std::string chain_of(const unwrapped& u)
{
    std::string chain;
    for (const auto& h : u.hops) chain += (chain.empty() ? "" : ">") + h.adapter + "___" + h.server_key;
    return chain;
}

/// "my_agent > policy_model (InferenceProvider): <body>", the evidence of an unwrapped error.
std::string evidence_of(const unwrapped& u, std::string_view server)
{
    std::string text;
    for (const auto& h : u.hops) text += (text.empty() ? "" : " > ") + h.server_key;
    if (!u.hops.empty()) text += " (" + u.hops.back().adapter + ")";
    if (text.empty()) text = std::string(server);
    return text + (text.empty() ? "" : ": ") + (u.body.empty() ? std::string("b'' (empty body)") : u.body);
}

}  // namespace

std::string_view server_prefix(std::string_view line)
{
    if (!line.starts_with('(')) return {};
    const std::size_t close = line.find(") ");
    if (close == std::string_view::npos || close > 100) return {};
    const std::string_view name = line.substr(1, close - 1);
    for (const char c : name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) return {};
    return name;
}

void log_scanner::scan(std::string_view line, const place& where)
{
    const std::uint32_t found = find_markers(line);
    if (found == 0) return;
    const std::string_view server = server_prefix(line);

    if (found & (m_sk_or | m_bearer | m_api_key)) scan_keys(line, where);
    const bool collector_500 = (found & m_client_response) && line.find("/run'") != std::string_view::npos;
    if (found & m_run_failed) ++run_failed_lines_;
    if (collector_500) ++collector_500s_;
    if (((found & m_run_failed) || collector_500) && first_failure_.empty())
        first_failure_ = std::string(where.file) + ":" + std::to_string(where.line);

    if (found & m_model_retry) return scan_retry(line, server, where);
    if (found & (m_request_retry | m_os_error | m_disconnected)) scan_transport(line, server, where, found);
    if (found & (m_hit | m_response_content | m_error_envelope)) scan_envelope(line, server, where, found);
    if (found & m_choices)
        causes_.add(cause_of(sign::choices_missing), server, "choices", where, line);
    if (found & (m_not_resolve | m_never_answered | m_finished | m_head_server | m_in_use))
        scan_startup(line, where, found);
}

void log_scanner::scan_keys(std::string_view line, const place& where)
{
    if (key_file_ == where.file || !holds_key(line)) return;
    key_file_ = std::string(where.file);
    const bool request_info = line.find("Request info:") != std::string_view::npos;
    cause c = cause_of(request_info ? sign::key_in_request_info : sign::key_in_clear,
                       std::string(where.file) + ":" + std::to_string(where.line));
    c.key += ":" + key_file_;
    // A key in clear costs no rollout: it is reported, never ranked above a cause.
    causes_.add(c, {}, "keys", where, request_info ? std::string_view("Request info: ... Bearer [REDACTED]") : line, 0);
}

void log_scanner::scan_envelope(std::string_view line, std::string_view server, const place& where, std::uint32_t found)
{
    if (found & m_request_info) return;  // headers, never a body
    const unwrapped u = unwrap(line);
    const std::string_view owner = u.hops.empty() ? server : std::string_view(u.hops.back().server_key);
    std::string layer = (found & m_hit) ? "hit:" + chain_of(u) : (found & m_response_content) ? "content:" : "body:";
    layer += server;
    if (u.error) {
        causes_.add(cause_of(*u.error), owner, layer, where, evidence_of(u, server));
        return;
    }
    // `b''`: the body was consumed while retrying a 500 three times.
    const bool empty_content = (found & m_response_content) && line.ends_with("b''");
    if ((u.found_wrapping && u.body.empty()) || empty_content)
        causes_.add(empty_body_cause(), owner, layer, where, evidence_of(u, server));
}

void log_scanner::scan_retry(std::string_view line, std::string_view server, const place& where)
{
    const std::string_view status = field(line, "status=");
    const std::string_view kind = field(line, "kind=");
    const std::int64_t attempt = number(field(line, "try="));
    const std::size_t msg_at = line.find("error_msg=");
    const std::string_view message = msg_at == std::string_view::npos ? std::string_view() : line.substr(msg_at + 10);
    const std::string layer = "retry:" + std::string(status);
    if (kind == "server_error") {
        // Tried three times, then raised: one failure per first try.
        if (attempt <= 1) causes_.add(empty_body_cause(), server, layer, where, line);
        return;
    }
    if (status != "429") {
        if (auto e = read_error_envelope(message); e && (!e->provider.empty() || !e->message.empty())) {
            if (!e->code) e->code = static_cast<int>(number(status));
            causes_.add(cause_of(*e), server, layer, where, line);
            return;
        }
    }
    causes_.add(cause_of(sign::rate_limit_retries, status), server, layer, where, line);
}

void log_scanner::scan_transport(std::string_view line, std::string_view server, const place& where, std::uint32_t found)
{
    std::string url(field(line, "url="));
    if (url.empty()) {
        const std::size_t at = line.find(" while querying ");
        if (at != std::string_view::npos) url = std::string(field(line.substr(at), "querying "));
    }
    while (!url.empty() && url.back() == '.') url.pop_back();
    // "Hit N global `ClientOSError`": printed every 100th try, N counts them all.
    std::int64_t total = number(field(line, "retry="));
    if (const std::size_t hit = line.find("Hit "); hit != std::string_view::npos && line.find(" global ", hit) != std::string_view::npos)
        total = std::max(total, number(line.substr(hit + 4)));
    const bool disconnect = (found & m_disconnected) != 0;
    const cause c = cause_of(disconnect ? sign::disconnect_retries : sign::connection_retries, url);
    causes_.add(c, server, disconnect ? "disconnect" : "oserror", where, line, std::max<std::int64_t>(total, 1), total > 0);
}

void log_scanner::scan_startup(std::string_view line, const place& where, std::uint32_t found)
{
    if (found & m_not_resolve) {
        const std::size_t at = line.find("Model endpoint ");
        std::string url = at == std::string_view::npos ? std::string() : std::string(field(line.substr(at), "endpoint "));
        causes_.add(cause_of(sign::endpoint_unresolvable, url), {}, "startup", where, line);
    }
    if (found & m_never_answered) causes_.add(cause_of(sign::endpoint_silent), {}, "startup", where, line);
    if (found & m_finished) causes_.add(cause_of(sign::process_died, backticked(line)), {}, "startup", where, line);
    if (found & m_head_server) {
        const std::size_t at = line.find("server at ");
        std::string url = at == std::string_view::npos ? std::string() : std::string(field(line.substr(at), "at "));
        while (!url.empty() && (url.back() == '.' || url.back() == ',')) url.pop_back();
        causes_.add(cause_of(sign::head_unreachable, url), {}, "startup", where, line);
    }
    if (found & m_in_use) causes_.add(cause_of(sign::address_in_use), {}, "startup", where, line);
}

}  // namespace ngd::triage
