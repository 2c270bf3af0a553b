// model.tools: rows that send `tools`, a `tool_choice` or a structured-output format need a
// model, and an endpoint of it, that takes them; otherwise OpenRouter answers every such
// request 404 "No endpoints found that support tool use" and the run fails row by row.
#include "checks/catalog_facts.hpp"
#include "checks/run_inputs.hpp"
#include "checks/run_model.hpp"

#include <algorithm>
#include <array>

namespace ngd::checks {
namespace {

using net::error_class;

struct need {
    std::string_view parameter;  // as supported_parameters names it
    std::string_view what;       // as a user says it
    std::int64_t rows = 0;
    const doctor::input_row* first = nullptr;
};

std::string tags_text(const std::vector<std::string>& tags)
{
    std::string out;
    for (const auto& t : tags) out += (out.empty() ? "" : ", ") + t;
    return out;
}

}  // namespace

result model_tools(check_context& ctx)
{
    run_model rm;
    if (auto s = co_await load_run_model(ctx, rm)) co_return std::move(*s);
    const auto& in = *co_await inputs_of(ctx);
    if (in.rows.empty()) {
        auto f = doctor::skip("no input rows to tell whether the run sends tools");
        f.details = {how_to_give_inputs()};
        co_return f;
    }
    std::array<need, 3> needs{{{"tools", "tools"}, {"tool_choice", "a tool_choice"},
                               {"response_format", "a structured-output format (text.format)"}}};
    for (const auto& r : in.rows) {
        const bool sends[3] = {r.tools, r.tool_choice, r.structured};
        for (std::size_t i = 0; i < 3; ++i)
            if (sends[i] && !needs[i].rows++) needs[i].first = &r;
    }
    const std::string model = rm.model->id;
    std::vector<std::string> details;
    const auto supports = [&](const need& n) {
        // Structured output is listed as response_format or structured_outputs.
        return rm.supports(n.parameter) || (n.parameter == "response_format" && rm.supports("structured_outputs"));
    };
    for (const auto& n : needs) {
        if (!n.rows || supports(n)) continue;
        const auto others = comparable_models(*rm.catalog, *rm.model, ctx.run.now(), [&](const openrouter::model& c) {
            bool ok = c.context_length.value_or(0) * 2 >= rm.context().value_or(0);
            for (const auto& m : needs)
                if (m.rows)
                    ok = ok && (lists(c, m.parameter) ||
                                (m.parameter == "response_format" && lists(c, "structured_outputs")));
            return ok;
        });
        std::string fix = "use a model that takes " + std::string(n.what);
        if (!others.empty()) {
            fix += ", at a similar price and context: ";
            for (std::size_t i = 0; i < others.size(); ++i)
                fix += (i ? "; " : "") + others[i]->id + " (" + model_facts(*others[i]) + ")";
        } else {
            fix += " (the catalog has none at a similar price and context)";
        }
        fix += "; or drop " + std::string(n.what) + " from the rows";
        details.push_back(thousands(n.rows) + " rows send " + std::string(n.what) + ", the first at " + in.where(*n.first));
        if (rm.endpoints)
            details.push_back(std::to_string(rm.endpoints->endpoints.size()) + " endpoint(s) of " + model +
                              ", none listing " + std::string(n.parameter));
        const std::string consequence = n.parameter == "response_format"
                                            ? "the providers ignore or refuse the format"
                                            : "the run gets 404 \"No endpoints found that support tool use\"";
        co_return doctor::fail(thousands(n.rows) + " rows send " + std::string(n.what) + ", which " + model +
                                   " does not take: " + consequence,
                               n.parameter == "response_format" ? error_class::config : error_class::http_404,
                               {fix, {rm.endpoints_curl.empty() ? rm.catalog_curl : rm.endpoints_curl}}, details);
    }
    std::string sent;
    for (const auto& n : needs) {
        if (!n.rows) continue;
        sent += (sent.empty() ? "" : ", ") + std::string(n.what);
        if (rm.endpoints) {
            const auto tags = rm.endpoints_supporting(n.parameter);
            if (!tags.empty() && tags.size() < rm.endpoints->endpoints.size())
                details.push_back(std::string(n.what) + ": OpenRouter routes to the endpoints that take it (" +
                                  tags_text(tags) + ")");
        }
    }
    if (sent.empty())
        co_return doctor::ok("no row sends tools, a tool_choice or a structured-output format", details);
    co_return doctor::ok(model + " takes what the rows send (" + sent + ")", details);
}

}  // namespace ngd::checks
