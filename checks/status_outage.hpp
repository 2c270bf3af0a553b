#pragma once
/// What a provider's status page says about its API, read from summary.json: the components
/// that are not operational and the open incident's title. A page that covers several
/// products (status.openai.com also covers ChatGPT and Sora; status.claude.com covers
/// claude.ai and Claude Code) is read for its API components only: trouble elsewhere says
/// nothing about the run.
#include "openrouter/statuspage.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ngd::checks {

struct api_outage {
    bool api_affected = false;            ///< an API component (or any, on a one-product page) is not operational
    std::vector<std::string> components;  ///< the affected API components, "Chat Completions (partial_outage)"
    std::vector<std::string> elsewhere;   ///< affected components of other products
    std::optional<std::string> incident;  ///< the first unresolved incident's title
};

api_outage read_api_outage(const openrouter::status_page_summary& summary);

}  // namespace ngd::checks
