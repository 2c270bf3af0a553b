// run.inputs: the rows the rollout collection will send, read from the same arguments the
// collection takes (`+input_jsonl_fpath=... +limit=N +num_repeats=N ...` or `gym eval run`'s
// flags, pasted after check-all), or from the agents' datasets. A row NeMo Gym would stop
// on is named by file:line.
#include "checks/run_inputs.hpp"

#include "checks/shell_command.hpp"
#include "doctor/run_context.hpp"

namespace ngd::checks {

boost::asio::awaitable<const doctor::run_inputs*> inputs_of(check_context& ctx)
{
    co_return co_await ctx.run.inputs->get(ctx.run.config, ctx.run.env);
}

std::string how_to_give_inputs()
{
    return "give check-all the collection's arguments, e.g. +input_jsonl_fpath=data.jsonl "
           "+responses_create_params.max_output_tokens=N +num_samples_in_parallel=N (or --input, "
           "--max-output-tokens, --concurrency)";
}

const doctor::input_row* largest_prompt(const doctor::run_inputs& in)
{
    const doctor::input_row* best = nullptr;
    for (const auto& r : in.rows)
        if (!best || r.prompt_tokens > best->prompt_tokens) best = &r;
    return best;
}

std::string recheck_command(const check_context& ctx, const doctor::run_inputs& in, std::string_view id,
                            std::string_view key, std::string_view value)
{
    std::vector<std::string> words{config_paths_word(ctx.run.config.config_paths)};
    const auto keep = [&](std::string_view name, const std::optional<std::string>& v) {
        if (v && name != key) words.push_back(override_word(name, *v));
    };
    keep("input_jsonl_fpath", in.input_jsonl_fpath.value);
    keep("limit", in.limit.value ? std::optional(std::to_string(*in.limit.value)) : std::nullopt);
    // A per-agent dict is printed the Python way, which is no Hydra override: left to the config.
    const bool plain_repeats = !in.num_repeats_where.empty() &&
                               in.num_repeats_text.find_first_not_of("0123456789") == std::string::npos;
    keep("num_repeats", plain_repeats ? std::optional(in.num_repeats_text) : std::nullopt);
    keep("num_samples_in_parallel", in.num_samples_in_parallel.value
                                        ? std::optional(std::to_string(*in.num_samples_in_parallel.value))
                                        : std::nullopt);
    keep("responses_create_params.max_output_tokens",
         in.max_output_tokens.value ? std::optional(std::to_string(*in.max_output_tokens.value)) : std::nullopt);
    keep("prompt_config", in.prompt_config.value);
    keep("agent_name", in.agent_name.empty() ? std::nullopt : std::optional(in.agent_name));
    words.push_back(override_word(key, value));
    return with_words("ngdoctor check " + std::string(id), words);
}

std::string thousands(std::int64_t n)
{
    std::string digits = std::to_string(n < 0 ? -n : n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return (n < 0 ? "-" : "") + out;
}

boost::asio::awaitable<void> prefetch_inputs(check_context& ctx)
{
    co_await inputs_of(ctx);
}

result run_inputs(check_context& ctx)
{
    const auto& in = *co_await inputs_of(ctx);
    using net::error_class;
    std::vector<std::string> details;
    for (const auto& f : in.files)
        if (f.found)
            details.push_back(f.source + ": " + f.path + ", " + thousands(f.rows) + " rows" +
                              (f.malformed ? ", " + thousands(f.malformed) + " malformed" : ""));
    details.insert(details.end(), in.notes.begin(), in.notes.end());

    if (in.error)
        co_return doctor::fail(*in.error, error_class::config,
                               {"fix the collection argument; NeMo Gym stops on it before the first row", {}}, details);
    if (in.collection_args() && !in.files.empty() && !in.files.front().found)
        co_return doctor::fail("Input file not found: '" + *in.input_jsonl_fpath.value + "' (--input)",
                               error_class::config,
                               {"check the path: NeMo Gym looks for it under the working directory and "
                                "NEMO_GYM_EXTRA_ROOTS (looked at " + in.files.front().opened + ")", {}},
                               details);
    if (in.malformed > 0) {
        std::vector<std::string> lines;
        for (const auto& p : in.problems) lines.push_back(p.where + ": " + p.what);
        if (in.malformed > static_cast<std::int64_t>(in.problems.size()))
            lines.push_back("... and " + thousands(in.malformed - static_cast<std::int64_t>(in.problems.size())) +
                            " more");
        lines.insert(lines.end(), details.begin(), details.end());
        co_return doctor::fail(thousands(in.malformed) + " row(s) NeMo Gym would stop on, the first at " +
                                   in.problems.front().where,
                               error_class::config,
                               {"each line must be one JSON object with a responses_create_params object "
                                "(and agent_ref.name, unless --agent is given)", {}},
                               lines);
    }
    if (in.rows.empty()) {
        auto f = doctor::skip(in.files.empty() ? "no input rows to read: " + how_to_give_inputs()
                                               : "no input rows found in the configured datasets");
        f.details = details;
        co_return f;
    }
    const auto* big = largest_prompt(in);
    if (in.num_samples_in_parallel.value)
        details.push_back("num_samples_in_parallel = " + std::to_string(*in.num_samples_in_parallel.value));
    else
        details.push_back("num_samples_in_parallel unset: every rollout is sent at once");
    if (in.max_output_tokens.value)
        details.push_back("responses_create_params.max_output_tokens = " + std::to_string(*in.max_output_tokens.value) +
                          " merged into every row");
    co_return doctor::ok(thousands(static_cast<std::int64_t>(in.rows.size())) + " rows x num_repeats " +
                             in.num_repeats_text + " = " + thousands(in.rollouts()) +
                             " rollouts; largest prompt about " + thousands(big->prompt_tokens) + " tokens (" +
                             in.where(*big) + ")",
                         details);
}

}  // namespace ngd::checks
