#include "support/nemo_gym_run.hpp"

#include "support/nemo_gym_fixtures.hpp"

namespace ngd::test::gym {

std::filesystem::path write_failed_run(const temp_dir& dir, const failed_run& run)
{
    const std::string& nl = run.newline;
    std::string inputs, outputs, failures, model_log, agent_log, terminal;
    for (int i = 0; i < run.planned; ++i) inputs += materialized_row(i, 0) + nl;
    for (int i = 0; i < run.succeeded; ++i) {
        const std::string id = run.response_ids.empty() ? "resp_1" : run.response_ids[i % run.response_ids.size()];
        outputs += success_row(i, 0, 1.0, id) + nl;
    }

    // The body as the server at `depth` prints it (debug logging only): depth 1 is the model
    // server's own line, each further depth one more agent hop (nest() wraps the same way).
    for (int f = 0; f < run.failed; ++f) {
        const int task = run.succeeded + f;
        if (run.debug_logging) {
            model_log += request_info_line("policy_model", run.key) + nl;
            if (run.response_content) model_log += response_content_line("policy_model", run.body) + nl;
            if (run.depth == 1) {
                model_log += hit_line("policy_model", "InferenceProvider___policy_model", run.body) + nl;
            } else {
                // What the agent printed: its own hop around the body of depth - 1.
                agent_log += hit_line("my_agent", "SimpleAgent___my_agent", nest(run.body, run.depth - 1)) + nl;
            }
        }
        if (run.kind == layout::newer) {
            // The row keeps the /run answer; triage reads the whole row, whatever the field.
            failures += "{\"_ng_task_index\": " + std::to_string(task) +
                        ", \"_ng_rollout_index\": 0, \"_ng_failure_class\": \"transient\", \"error\": " +
                        nest(run.body, run.depth) + "}" + nl;
            terminal += run_failed_line(task, 0) + nl;
        }
    }
    if (run.kind == layout::head && run.failed > 0) {
        terminal += run_failed_line(run.succeeded, 0) + nl;
        terminal += "Traceback (most recent call last):" + nl;
        terminal += collector_500_line(9123) + nl;
    }

    dir.write("run/out_materialized_inputs.jsonl", inputs);
    dir.write("run/out.jsonl", outputs);
    dir.write("run/out_failures.jsonl", failures);  // created at start, empty is normal
    if (run.kind == layout::newer) dir.write("run/out_aggregate_metrics.json", "[]");
    if (!model_log.empty()) dir.write("logs/policy_model.log", model_log);
    if (!agent_log.empty()) dir.write("logs/my_agent.log", agent_log);
    dir.write("terminal.txt", terminal);
    return dir.path() / "run";
}

}  // namespace ngd::test::gym
