#pragma once
/// Fix texts that a pre-run check and a triage cause share, so both say the same thing.
#include "doctor/finding.hpp"

#include <string>
#include <string_view>

namespace ngd::checks::fix_texts {

/// A rejected key: where to get a new one, where to put it (`where`), how to try it.
doctor::fix new_key(std::string_view where, std::string curl);

/// Out of credits under the account or the key's limit.
doctor::fix add_credits(std::string curl);

/// A provider that is down or erroring: the sentence the provider fixes start with.
inline constexpr std::string_view provider_wait = "wait for the provider to recover, or switch to a similar model";

/// Setting a model id from the catalog (`where` names the config value).
doctor::fix choose_model(std::string_view where, std::string curl);

}  // namespace ngd::checks::fix_texts
