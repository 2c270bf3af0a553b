// model.context: every row's prompt (estimated, erring high: doctor/token_estimate.hpp) plus
// the output it asks for must fit the model's context window, and the output its endpoints'
// max_completion_tokens. OpenRouter refuses an oversized request with a 400 before any
// provider sees it ("This endpoint's maximum context length is N tokens..."); what the run
// then does depends on the adapter.
#include "checks/catalog_facts.hpp"
#include "checks/run_inputs.hpp"
#include "checks/run_model.hpp"

#include <algorithm>

namespace ngd::checks {
namespace {

using net::error_class;

constexpr double near_fraction = 0.9;  // warn above 90 % of the window

// What the run does with the 400 (nemo-gym spec §3.4, §3.5).
std::string adapter_consequence(const doctor::target& t)
{
    if (t.adapter == "vllm_model")
        return "vllm_model turns that 400 into an empty completion (finish_reason \"length\"): those rollouts "
               "come back empty, silently, and are scored as such (openai_model and inference_provider would "
               "fail them instead)";
    const std::string who = t.adapter == "openai_model" || t.adapter == "inference_provider"
                                ? t.adapter
                                : std::string("openai_model and inference_provider");
    return who + " pass the 400 up as a 500 (\"Hit an exception ... calling an inner server\"): those rollouts "
                 "fail, and NeMo Gym does not retry a 400; vllm_model would instead return them empty, silently";
}

// A round value at or under `n` (multiples of 1,024 once there is room for them).
std::int64_t round_down(std::int64_t n)
{
    return n >= 4096 ? n / 1024 * 1024 : n;
}

struct verdict_row {
    const doctor::input_row* row = nullptr;  // nullptr: the max_output_tokens setting alone
    std::int64_t prompt = 0, output = 0;
    bool output_set = false;
    std::int64_t total() const { return prompt + output; }
};

}  // namespace

result model_context(check_context& ctx)
{
    run_model rm;
    if (auto s = co_await load_run_model(ctx, rm)) co_return std::move(*s);
    const auto& in = *co_await inputs_of(ctx);
    const auto window = rm.context();
    if (!window) co_return doctor::skip("the catalog gives no context length for " + rm.model->id);
    const auto completion = rm.max_completion();
    const std::string model = rm.model->id;

    std::vector<verdict_row> rows;
    for (const auto& r : in.rows)
        rows.push_back({&r, r.prompt_tokens, r.max_output_tokens.value_or(completion.value_or(0)),
                        r.max_output_tokens.has_value()});
    if (rows.empty() && in.max_output_tokens.value)
        rows.push_back({nullptr, 0, *in.max_output_tokens.value, true});
    if (rows.empty()) {
        auto f = doctor::skip("no input rows and no max_output_tokens to compare with the " + thousands(*window) +
                              "-token window of " + model);
        f.details = {how_to_give_inputs()};
        co_return f;
    }

    std::int64_t over = 0, over_output = 0, near = 0, reserve_short = 0, largest_prompt = 0;
    const verdict_row* worst = nullptr;
    std::vector<std::string> first_over;
    for (const auto& v : rows) {
        largest_prompt = std::max(largest_prompt, v.prompt);
        if (!worst || v.total() > worst->total()) worst = &v;
        const bool too_long = v.prompt >= *window || (v.output_set && v.total() > *window);
        const bool too_much_output = v.output_set && completion && v.output > *completion;
        if (too_long || too_much_output) {
            if (v.row && first_over.size() < 5) first_over.push_back(in.where(*v.row));
            ++over;
            if (too_much_output) ++over_output;
        } else if (!v.output_set && completion && v.total() > *window) {
            ++reserve_short;
        } else if (static_cast<double>(v.total()) > near_fraction * static_cast<double>(*window)) {
            ++near;
        }
    }

    std::vector<std::string> details;
    details.push_back(model + ": " + thousands(*window) + "-token window" +
                      (completion ? ", at most " + thousands(*completion) + " output tokens per answer" : std::string()));
    const auto where = [&](const verdict_row& v) { return v.row ? " (" + in.where(*v.row) + ")" : std::string(); };
    const std::string largest = "the largest asks about " + thousands(worst->prompt) + " prompt + " +
                                thousands(worst->output) + " output = " + thousands(worst->total()) + " tokens" +
                                where(*worst);
    details.push_back(largest);
    details.push_back("prompt tokens are estimated (about 1 per 3 characters), erring high");

    // What would fit: an output budget for the largest prompt, or a model with a larger window.
    const std::int64_t needed = worst->total();
    std::int64_t fitting = *window - largest_prompt;
    if (completion) fitting = std::min(fitting, *completion);
    const bool uses_tools = std::any_of(in.rows.begin(), in.rows.end(), [](const auto& r) { return r.tools; });
    const auto larger = comparable_models(*rm.catalog, *rm.model, ctx.run.now(), [&](const openrouter::model& c) {
        const auto top = c.top_provider ? c.top_provider->max_completion_tokens : std::nullopt;
        return c.context_length.value_or(0) >= needed && !c.pricing.is_free() &&
               (!worst->output_set || !top || *top >= worst->output) && (!uses_tools || lists(c, "tools"));
    });
    std::string fix_text;
    std::vector<std::string> commands;
    if (fitting > 0) {
        fix_text = "set max_output_tokens to " + thousands(round_down(fitting)) + " at most";
        commands.push_back(recheck_command(ctx, in, "model.context", "responses_create_params.max_output_tokens",
                                           std::to_string(round_down(fitting))));
    } else {
        fix_text = "truncate the prompts to under " + thousands(*window - std::min<std::int64_t>(*window / 4, 4096)) +
                   " tokens";
    }
    if (!larger.empty()) {
        fix_text += ", or use a model with a larger window: ";
        for (std::size_t i = 0; i < larger.size(); ++i)
            fix_text += (i ? "; " : "") + larger[i]->id + " (" + model_facts(*larger[i]) + ")";
    }
    if (fitting > 0 && largest_prompt > 0) fix_text += ", or truncate the longest prompts";

    if (over > 0) {
        if (!first_over.empty()) {
            std::string list;
            for (const auto& w : first_over) list += (list.empty() ? "" : ", ") + w;
            details.push_back("rows over the limit: " + list + (over > std::int64_t(first_over.size()) ? ", ..." : ""));
        }
        details.push_back(adapter_consequence(*ctx.tgt));
        std::string summary;
        if (!worst->row)
            summary = "max_output_tokens = " + thousands(worst->output) + " does not fit " + model + ": " +
                      (worst->output > *window ? "its window is " + thousands(*window) + " tokens"
                                               : "its endpoints write at most " + thousands(*completion) + " tokens");
        else
            summary = thousands(over) + " of " + thousands(static_cast<std::int64_t>(rows.size())) +
                      " rows exceed " + (over_output == over && completion && worst->total() <= *window
                                             ? "the " + thousands(*completion) + " output tokens " + model + " allows"
                                             : "the " + thousands(*window) + "-token window of " + model) +
                      "; " + largest;
        co_return doctor::fail(summary, error_class::config, {fix_text, commands}, details);
    }
    if (reserve_short > 0) {
        details.push_back("max_output_tokens unset: NeMo Gym sends no limit, and OpenRouter reserves the whole "
                          "output budget");
        co_return doctor::warn(thousands(reserve_short) + " rows leave less than " + model + "'s " +
                                   thousands(*completion) + " output tokens of room; answers there stop short",
                               {fix_text, commands}, details);
    }
    if (near > 0)
        co_return doctor::warn(thousands(near) + " rows use over " +
                                   std::to_string(static_cast<int>(near_fraction * 100)) + " % of the " +
                                   thousands(*window) + "-token window of " + model + "; " + largest,
                               {fix_text, commands}, details);
    co_return doctor::ok(thousands(static_cast<std::int64_t>(rows.size())) + (worst->row ? " rows fit" : " setting fits") +
                             " the " + thousands(*window) + "-token window of " + model + "; " + largest,
                         details);
}

}  // namespace ngd::checks
