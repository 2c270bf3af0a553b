#pragma once
/// Secret redaction: NeMo Gym's own rule (key names containing "token" or "key", case
/// sensitive) and ngdoctor's superset (more names, and values that look like credentials).
#include "config/node.hpp"
#include "config/resolve.hpp"

#include <string>
#include <string_view>

namespace ngd::config {

/// NeMo Gym's `recursively_hide_secrets` on an unresolved tree, in place: scalars under a
/// matching key become '****', lists under one become a list of '****' of the same length.
/// `env` resolves whole-string interpolations to learn whether they name a list or a dict.
void hide_secrets_nemo_gym(node& root, const env_lookup& env);

/// True for a key name NeMo Gym masks ("token" or "key" anywhere, case sensitive).
bool nemo_gym_masks_key(std::string_view key);

/// True for a key name ngdoctor masks beyond NeMo Gym's rule: secret, password,
/// authorization, api_key, apikey, token in any case.
bool superset_masks_key(std::string_view key);

/// True when a string value holds a credential (sk-..., sk-or-..., Bearer ...).
bool looks_like_credential(std::string_view value);

/// The value with each credential inside it replaced by '****' ("Bearer sk-or-v1-..." ->
/// "Bearer ****"); the value itself when it holds none.
std::string mask_credentials_in(std::string_view value);

/// ngdoctor's redaction on a resolved tree, in place (NeMo Gym's names, the superset names,
/// and credential-looking values anywhere, also inside lists and embedded strings).
void redact_superset(node& root);

/// OpenRouter's masked form of a key: the first 12 characters, "...", the last 3
/// ("sk-or-v1-0e6...c96"); short keys show less so that most of the key stays hidden.
std::string masked_key(std::string_view key);

}  // namespace ngd::config

namespace ngd::config {

/// What `ng_dump_config` would print for this resolution: NeMo Gym's own redaction applied
/// to the unresolved tree, then resolved (no redaction when NEMO_GYM_CONFIG_DICT was used,
/// as in NeMo Gym).
node nemo_gym_printed_tree(const resolution& r, const env_lookup& env);

}  // namespace ngd::config
