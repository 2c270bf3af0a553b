#pragma once
/// One row of a rollout file (`<stem>.jsonl`, `<stem>_failures.jsonl`), reduced to what the
/// run's shape needs. Field names from nemo_gym/rollout_collection.py and
/// responses_api_models/vllm_model/app.py.
#include <string>
#include <string_view>

namespace ngd::triage {

struct row_facts {
    bool parsed = false;            ///< whole JSON (false: cut or broken, facts read leniently)
    std::string failure_class;      ///< _ng_failure_class ("" = a successful row)
    std::string judge_error;        ///< _ng_failure_judge_error
    std::string response_status;    ///< response.status
    std::string incomplete_reason;  ///< response.incomplete_details.reason
    bool usage_null = false;        ///< response.usage is null
    bool output_empty = false;      ///< response.output is [] or missing
    bool has_response = false;
};

row_facts read_row(std::string_view line);

/// A vllm_model context-length row: incomplete, max_output_tokens, usage null.
bool is_context_row(const row_facts& row);

}  // namespace ngd::triage
