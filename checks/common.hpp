#pragma once
/// Facts about a target that several checks need: its host, whether it is OpenRouter,
/// and how to name the config value a fix must change.
#include "doctor/target.hpp"

#include <string>
#include <string_view>

namespace ngd::checks {

/// Lower-case host of an http(s) URL; "" when it does not parse.
std::string host_of(std::string_view url);

/// openrouter.ai itself: the host OpenRouter's API answers on.
bool is_openrouter_host(std::string_view host);

/// openrouter.ai or a subdomain (api.openrouter.ai is a common wrong URL that still means OpenRouter).
bool looks_like_openrouter_host(std::string_view host);

/// The target is OpenRouter's API: its base URL's host is openrouter.ai.
bool targets_openrouter(const doctor::target& t);

/// The user means OpenRouter: no base URL yet, or an openrouter.ai host of any kind. The
/// key and model id rules of OpenRouter apply.
bool means_openrouter(const doctor::target& t);

/// A model id the free rules apply to: a `:free` variant, or the `openrouter/free` router,
/// which sends each request to a `:free` model (models.mdx, "openrouter/free").
bool is_free_model_id(std::string_view id);

/// "policy_api_key (env.yaml:3)" — the value a fix must change, and where it is written.
std::string place(const doctor::target_field& field);

}  // namespace ngd::checks
