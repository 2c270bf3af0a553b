#pragma once
/// What `ngdoctor triage` found in a run's files and logs, already decided: the renderers
/// (triage_text, triage_json) format it and judge nothing.
#include "doctor/finding.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ngd::report {

/// A file (or standard input) that was read.
struct triage_source {
    std::string path;
    std::string kind;  ///< rollouts, materialized_inputs, failures, metrics, capture, log, transcript, stdin, overrides
    std::uint64_t lines = 0;
};

/// The run's shape from its rollout files.
struct rollout_shape {
    bool known = false;  ///< some rollout file was read
    std::int64_t planned = 0, succeeded = 0, failed = 0, missing = 0;
    std::map<std::string, std::int64_t> failed_by_class;  ///< _ng_failure_class -> rows
    std::int64_t incomplete = 0;     ///< vllm_model context-length rows among the succeeded
    std::int64_t empty_outputs = 0;  ///< succeeded rows with no output
    bool metrics_missing = false;    ///< no _aggregate_metrics.json: the collection did not finish
    bool stale_failures = false;     ///< _failures.jsonl older than the run: its rows were not counted
    std::int64_t stale_rows = 0;
};

/// One cause: a finding of the owning check, with how often it struck and where first.
struct triage_cause {
    doctor::finding finding;  ///< check_id = the owning check; summary, details, remedy
    std::int64_t count = 0;   ///< rollouts (or requests, for retry storms) it cost
    std::string first_seen;   ///< "file:line"
    std::string evidence;     ///< one line, redacted
};

/// What OpenRouter recorded about one generation the run's files mention (GET /generation).
struct triage_generation {
    std::string id;
    /// found; not_found (404: unknown to this key's account, or not indexed yet);
    /// unauthorized (401/403: the key); error (any other status, a transport failure, a bad body).
    std::string outcome;
    int http_status = 0;  ///< 0 when no answer came
    std::string error;    ///< one line for a person when not found (never a key)
    std::string provider, model, finish_reason, native_finish_reason, created_at;
    std::optional<double> latency_ms, generation_time_ms, total_cost;
    std::optional<std::int64_t> tokens_prompt, tokens_completion;
    std::optional<std::int64_t> native_tokens_prompt, native_tokens_completion, native_tokens_reasoning;
};

/// `triage --generations`: the few ids looked up, or why none were.
struct generation_lookup {
    bool asked = false;          ///< --generations was given
    std::uint64_t mentions = 0;  ///< how often the files mentioned a generation id
    std::string note;            ///< why nothing (or not everything) was looked up; "" when all went as asked
    std::vector<triage_generation> looked_up;
};

struct triage_report {
    std::vector<triage_source> sources;
    rollout_shape rollouts;
    std::vector<triage_cause> causes;  ///< by count, most first
    generation_lookup generations;
};

}  // namespace ngd::report
