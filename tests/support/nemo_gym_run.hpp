#pragma once
/// A whole failed run written to disk the way NeMo Gym leaves it (the spec of what a failed
/// run leaves behind, §1 and §2): the rollout files of one collection in either layout, the
/// server logs of `+nemo_gym_log_dir` with `++global_aiohttp_client_request_debug=True`, and
/// the terminal's transcript. Built from the line and row makers of nemo_gym_fixtures.
#include "support/temp_dir.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace ngd::test::gym {

enum class layout {
    head,   ///< NeMo Gym at HEAD: one failed rollout ends the collection, rows are missing
    newer,  ///< failed /run rows are written to _failures.jsonl and the collection goes on
};

struct failed_run {
    std::string body;       ///< the innermost OpenRouter answer of every failure
    int depth = 3;          ///< how many servers wrapped it where it is written (1..4)
    int planned = 10;       ///< materialized inputs (newer layout: succeeded + failed, it finishes)
    int succeeded = 3;      ///< rows in <stem>.jsonl
    int failed = 2;         ///< rollouts that hit `body`
    layout kind = layout::head;
    bool debug_logging = true;      ///< the Request info and Hit lines (so the key and the body)
    bool response_content = false;  ///< also the model server's `Response content:` line
    std::string key;            ///< written in clear on every Request info line
    std::string newline = "\n"; ///< "\r\n" for a log saved on Windows
    /// The `response.id` of the succeeded rows, in turn (OpenRouter's generation ids when
    /// the model server passed them on); empty = "resp_1" as before.
    std::vector<std::string> response_ids;
};

/// Writes the run under `dir`: run/out*.jsonl, logs/policy_model.log, logs/my_agent.log,
/// terminal.txt. Returns the run folder ("run", next to "logs").
std::filesystem::path write_failed_run(const temp_dir& dir, const failed_run& run);

}  // namespace ngd::test::gym
