#pragma once
/// A model OpenRouter retired, read from an error's availability object: `model_deprecated`
/// (the model is gone) or `free_variant_ended` (a `:free` promotion ended), both 404 with the
/// replacement slugs OpenRouter suggests in `fallback_models` (errors-and-debugging.mdx,
/// "Model availability errors"). model.availability and inference.probe say it alike.
#include "doctor/finding.hpp"
#include "doctor/target.hpp"
#include "openrouter/api.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ngd::checks {

struct retired_model {
    std::string code;                          ///< model_deprecated or free_variant_ended
    std::string id;                            ///< the model asked for
    std::vector<std::string> fallback_models;  ///< OpenRouter's suggested replacements
};

/// The retirement an error reports, if it reports one.
std::optional<retired_model> retired_from(const openrouter::api_error& error, const std::string& asked_id);

/// The failing verdict: what ended, and a fix that sets the model to OpenRouter's first
/// suggestion (an edit and an ng_run command) when it made one.
doctor::finding retired_verdict(const doctor::target& t, const retired_model& r, const std::string& curl,
                                const std::vector<std::string>& config_paths);

}  // namespace ngd::checks
