#include "checks/retired_model.hpp"

#include "checks/common.hpp"
#include "checks/config_edit.hpp"
#include "checks/shell_command.hpp"

namespace ngd::checks {

std::optional<retired_model> retired_from(const openrouter::api_error& error, const std::string& asked_id)
{
    if (!error.envelope || !error.envelope->availability) return std::nullopt;
    const auto& a = *error.envelope->availability;
    if (a.code != "model_deprecated" && a.code != "free_variant_ended") return std::nullopt;
    retired_model r{a.code, asked_id, a.fallback_models};
    if (!a.requested_models.empty()) r.id = a.requested_models.front();
    return r;
}

doctor::finding retired_verdict(const doctor::target& t, const retired_model& r, const std::string& curl,
                                const std::vector<std::string>& config_paths)
{
    std::string summary = r.code == "free_variant_ended"
                              ? "the free variant '" + r.id + "' has ended (free_variant_ended): OpenRouter no longer serves it"
                              : "'" + r.id + "' is deprecated (model_deprecated): OpenRouter no longer serves it";
    std::string replacements;
    for (const auto& f : r.fallback_models) replacements += (replacements.empty() ? "" : ", ") + f;
    if (!replacements.empty()) summary += "; OpenRouter suggests " + replacements;

    doctor::fix fix{"set " + place(t.model) + " to a current id" +
                        (r.fallback_models.empty() ? " from https://openrouter.ai/models"
                                                   : ", e.g. " + r.fallback_models.front()) +
                        (r.code == "free_variant_ended" && !r.fallback_models.empty()
                             ? " (a paid model: requests are charged)"
                             : ""),
                    {curl}};
    if (!r.fallback_models.empty()) {
        fix.edits.push_back(edit_of(t.model, r.fallback_models.front()));
        fix.commands.push_back(with_words(
            "ng_run", {config_paths_word(config_paths), override_word(t.model.path, r.fallback_models.front())}));
    }
    return doctor::fail(summary, net::error_class::http_404, fix);
}

}  // namespace ngd::checks
