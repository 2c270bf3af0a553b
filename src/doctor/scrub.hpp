#pragma once
/// The last guard before anything is printed: every configured secret, and anything shaped
/// like an OpenRouter key, is replaced by its masked form in every text of the findings —
/// whatever a server echoed back or a message quoted.
#include "doctor/finding.hpp"

#include <string>
#include <vector>

namespace ngd::doctor {

/// Masks `secrets` (the configured keys) and every `sk-or-...` token in `text`.
std::string scrub(std::string text, const std::vector<std::string>& secrets);

/// scrub() over summary, details, fix text and commands of every finding.
void scrub(std::vector<finding>& findings, const std::vector<std::string>& secrets);

}  // namespace ngd::doctor
