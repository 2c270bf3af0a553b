// model.id_format: OpenRouter ids are `provider/model-name` with an optional `:variant`;
// a bare `gpt-4-turbo` is the most common "model not found".
#include "checks/config_edit.hpp"
#include "checks/shell_command.hpp"
#include "checks/checks.hpp"
#include "checks/catalog_facts.hpp"
#include "checks/common.hpp"
#include "doctor/answers.hpp"
#include "doctor/run_context.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace ngd::checks {
namespace {

using net::error_class;

struct family {
    std::string_view starts;
    std::string_view author;
};

// Offline guesses for a missing prefix; model.availability confirms against the catalog.
constexpr std::array<family, 16> families{{
    {"gpt-", "openai"}, {"o1", "openai"}, {"o3", "openai"}, {"o4-", "openai"}, {"chatgpt", "openai"},
    {"claude", "anthropic"}, {"gemini", "google"}, {"gemma", "google"}, {"palm", "google"},
    {"llama", "meta-llama"}, {"mistral", "mistralai"}, {"mixtral", "mistralai"}, {"qwen", "qwen"},
    {"deepseek", "deepseek"}, {"grok", "x-ai"}, {"command", "cohere"},
}};

// Documented variant suffixes (openrouter-api.md §4.1).
constexpr std::array<std::string_view, 7> variants{
    {"free", "nitro", "floor", "thinking", "online", "extended", "exacto"}};

std::optional<std::string> guess_author(std::string_view id)
{
    std::string lower(id);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const auto& f : families)
        if (lower.starts_with(f.starts)) return std::string(f.author);
    return std::nullopt;
}

doctor::fix use(const doctor::target& t, std::string_view id)
{
    return with_edit({"set " + place(t.model) + " to " + std::string(id),
            {"curl -sS https://openrouter.ai/api/v1/models | grep -o " +
             shell_word("\"id\":\"[^\"]*" + std::string(id.substr(id.find('/') + 1)) + "[^\"]*\"")}},
                     edit_of(t.model, std::string(id)));
}

finding check_openrouter_id(const doctor::target& t, std::string_view id, const openrouter::model_list* catalog)
{
    std::string_view name = id;
    if (name.starts_with('~')) name.remove_prefix(1);  // ~author/x-latest aliases
    const auto slash = name.find('/');
    if (slash == std::string_view::npos) {
        std::string summary = "'" + std::string(id) + "' has no provider prefix: OpenRouter ids are provider/model-name";
        // Online, the catalog decides; offline, a well-known family name is a fair guess.
        if (catalog) {
            const auto matches = near_ids(*catalog, id, 2);
            if (matches.size() == 1 && matches.front().substr(matches.front().find('/') + 1) == id)
                return doctor::fail(summary + " (did you mean " + matches.front() + "?)", error_class::config,
                                    use(t, matches.front()));
        } else if (const auto author = guess_author(id)) {
            return doctor::fail(summary + " (did you mean " + *author + "/" + std::string(id) + "?)",
                                error_class::config, use(t, *author + "/" + std::string(id)));
        }
        return doctor::fail(summary, error_class::config,
                            {"look the id up at https://openrouter.ai/models and set it as " + place(t.model),
                             {"curl https://openrouter.ai/api/v1/models"}});
    }
    const std::string_view author = name.substr(0, slash);
    std::string_view slug = name.substr(slash + 1);
    if (author.empty() || slug.empty() || slug.find('/') != std::string_view::npos)
        return doctor::fail("'" + std::string(id) + "' is not provider/model-name", error_class::config,
                            {"look the id up at https://openrouter.ai/models and set it as " + place(t.model),
                             {"curl https://openrouter.ai/api/v1/models"}});
    if (const auto colon = slug.find(':'); colon != std::string_view::npos) {
        const std::string_view variant = slug.substr(colon + 1);
        if (std::find(variants.begin(), variants.end(), variant) == variants.end())
            return doctor::warn("unknown variant ':" + std::string(variant) + "' (known: :free, :nitro, :floor, "
                                ":thinking, :online, :extended, :exacto)",
                                {"check the id at https://openrouter.ai/models", {}});
    }
    if (std::any_of(id.begin(), id.end(), [](unsigned char c) { return std::isupper(c); }))
        return doctor::warn("'" + std::string(id) + "' has upper-case letters; OpenRouter ids are lower-case",
                            use(t, [&] {
                                std::string l(id);
                                std::transform(l.begin(), l.end(), l.begin(),
                                               [](unsigned char c) { return std::tolower(c); });
                                return l;
                            }()));
    return doctor::ok("'" + std::string(id) + "' is a provider/model-name id");
}

}  // namespace

result model_id_format(check_context& ctx)
{
    const doctor::target& t = *ctx.tgt;
    const auto& field = t.model;
    if (field.unresolved)
        co_return doctor::fail("the model id does not resolve: " + field.path + " is '" + *field.value + "'",
                               error_class::config,
                               {"define the value it refers to (usually policy_model_name in env.yaml)", {}});
    if (const auto m = find_misnamed(t, field, ctx.run.config.unresolved_root))
        co_return doctor::fail("no model is set: " + t.adapter + " reads " + m->wanted + ", but the config writes " +
                                   m->written,
                               error_class::config, {rename_text(*m) + "; the value stays as it is", {}});
    if (!field.value || field.value->empty())
        co_return doctor::fail("no model is set (" + field.path + ")", error_class::config,
                               {"set " + field.path + " to an id from https://openrouter.ai/models, e.g. "
                                "openai/gpt-4o-mini",
                                {}});
    const std::string& id = *field.value;
    if (std::any_of(id.begin(), id.end(), [](unsigned char c) { return std::isspace(c) || c == '"' || c == '\''; }))
        co_return doctor::fail("the model id contains whitespace or quotes", error_class::config,
                               {"write the id alone in " + place(field), {}});
    if (!means_openrouter(t))
        co_return doctor::ok("model '" + id + "' (not OpenRouter: its server decides which ids exist)");
    const openrouter::model_list* catalog = nullptr;
    if (ctx.run.fetched && targets_openrouter(t) && id.find('/') == std::string::npos) {
        const std::string base = *t.base_url.value, no_key;
        const auto* answer = co_await ctx.run.fetched->models(base, no_key);
        if (answer->ok()) catalog = &*answer->value;
    }
    co_return check_openrouter_id(t, id, catalog);
}

}  // namespace ngd::checks
