#pragma once
/// The one cause table: what an innermost OpenRouter error (HTTP status + message) or a
/// NeMo Gym log sign means, and which pre-run check owns it. Every reader of run files and
/// logs asks this table; nothing else decides a cause.
#include "doctor/finding.hpp"
#include "triage/unwrap.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace ngd::triage {

/// A cause as triage reports it: the owning check, a stable key (one row of the table, so
/// the same cause seen in several files is counted once per rollout), and the finding text.
struct cause {
    std::string key;        ///< e.g. "key.rejected", "credits.exhausted"
    std::string check_id;   ///< the check that owns it: key.status, credits, ...
    doctor::status state = doctor::status::fail;
    std::string summary;    ///< one line, without the server it came from
    std::vector<std::string> details;
    doctor::fix remedy;
};

/// The cause of an upstream error answered with `status` (the envelope's code wins over the
/// HTTP status it travelled under) — every row of the table, including older wordings.
/// Unknown errors still give a cause ("unclassified") carrying the message. The reference
/// stays valid until the next call (causes are remembered, and the memory is bounded).
const cause& cause_of(const upstream_error& error, std::optional<int> http_status = std::nullopt);

/// An upstream answer with an empty body: NeMo Gym consumed it while retrying a 500.
const cause& empty_body_cause();

/// Signs that are not an envelope, by kind.
enum class sign {
    rate_limit_retries,      ///< [model_retry ... status=429|502|503|504|520 kind=rate_limit]
    server_error_retries,    ///< [model_retry ... status=500 kind=server_error]
    connection_retries,      ///< ClientOSError (DNS, refused, TLS), retried forever
    disconnect_retries,      ///< ServerDisconnectedError, retried forever
    choices_missing,         ///< KeyError('choices'): a 200 whose body is an error
    endpoint_unresolvable,   ///< Model endpoint ... does not resolve
    endpoint_silent,         ///< N model endpoint(s) never answered within Ts
    process_died,            ///< Process `x` finished unexpectedly!
    head_unreachable,        ///< Could not connect to the head server at ...
    address_in_use,          ///< [Errno 98] address already in use
    context_incomplete,      ///< vllm_model rows: incomplete, max_output_tokens, usage null
    empty_output,            ///< a finished row without any output
    judge_failed,            ///< _ng_failure_class judge_failed with an unexplained error
    key_in_clear,            ///< an API key written out in a file
    key_in_request_info,     ///< the same, in a `Request info:` line of the debug flag
    unexplained,             ///< rollouts failed and nothing says why
};

/// The cause of a sign; `subject` is what the sign names (a URL, a process, a status).
const cause& cause_of(sign s, std::string_view subject = {});

/// The command that reruns with the upstream error bodies printed.
std::string debug_rerun_command(std::string_view overrides = {});

}  // namespace ngd::triage
