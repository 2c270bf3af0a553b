#pragma once
/// Facts about a target that several checks need: its host, whether it is OpenRouter,
/// and how to name the config value a fix must change.
#include "doctor/target.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace ngd::checks {

/// Lower-case host of an http(s) URL; "" when it does not parse.
std::string host_of(std::string_view url);

/// A base URL written without "scheme://" ("openrouter.ai/api/v1", "localhost:8000/v1").
bool lacks_scheme(std::string_view url);

/// The host the user meant: host_of(url), or for a URL without a scheme the host it names
/// once https:// is put in front (so "openrouter.ai/api/v1" still means OpenRouter).
std::string meant_host_of(std::string_view url);

/// How a report names the server of `url`: its host, or for a URL without a scheme the text
/// as written and that the scheme is missing (never an empty name).
std::string server_text(std::string_view url);

/// A host OpenRouter's API answers on: openrouter.ai or a regional eu./us.openrouter.ai.
bool is_openrouter_host(std::string_view host);

/// OpenRouter's API base on the target's host when that is an OpenRouter API host (so a
/// regional URL stays regional), else https://openrouter.ai/api/v1.
std::string openrouter_base_for(const doctor::target& t);

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

/// An adapter key the config leaves out while writing, in the same server, the key another
/// adapter uses for that value (NeMo Gym integration pages put base_url / api_key / model
/// under openai_model, which reads openai_base_url / openai_api_key / openai_model).
struct misnamed_key {
    std::string written;  ///< "api_key"
    std::string wanted;   ///< "openai_api_key"
    std::string where;    ///< "responses_api_models/openai_model/configs/openai_model.yaml:6", or ""
};

/// The misnamed key standing in for `field` of `t` (one of its base URL, key, model), if any.
/// `as_written` is the config before interpolation, where the key's own line is kept.
std::optional<misnamed_key> find_misnamed(const doctor::target& t, const doctor::target_field& field,
                                          const config::node& as_written);

/// The same for a server's adapter inner map: the key `wanted` is absent, `written` stands
/// in; `written_inner` is the same map before interpolation (nullptr: no line known).
std::optional<misnamed_key> find_misnamed(std::string_view adapter, const config::node& inner, std::string_view wanted,
                                          const config::node* written_inner);

/// "rename api_key to openai_api_key (at file:line)".
std::string rename_text(const misnamed_key& m);

/// One env.yaml line that sets the dotted config path `path` to `value`, as nested YAML in
/// flow style ("a: {b: {c: v}}"): a dotted key would be one literal key to NeMo Gym.
std::string env_yaml_entry(std::string_view path, std::string_view value);

/// "policy_api_key (env.yaml:3)" — the value a fix must change, and where it is written.
std::string place(const doctor::target_field& field);

}  // namespace ngd::checks
