#pragma once
/// Status pages known before OpenRouter names them: which providers a model author's
/// requests are usually routed to, the page each provider's /providers entry names, and
/// where that page redirects today. Used only to start requests early; a page is reported
/// only when /providers names it for an endpoint of the model.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::openrouter {

struct known_status_page {
    std::string_view provider;         ///< the provider's slug in /providers
    std::string_view page;             ///< its status_page_url there
    std::string_view redirects_to;     ///< where `page` redirects today; empty when it does not
    std::vector<std::string_view> authors;  ///< model authors whose requests it usually serves
};

/// The whole table.
const std::vector<known_status_page>& known_status_pages();

/// The pages worth asking at once for a model of `author` (the part of the id before '/').
std::vector<std::string> likely_status_pages(std::string_view author);

/// Where `page` is known to redirect today, if anywhere.
std::optional<std::string> known_redirect(std::string_view page);

}  // namespace ngd::openrouter
