#pragma once
/// GET /providers: every provider OpenRouter routes to, with its status page.
#include "openrouter/parse_error.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::openrouter {

/// One provider of /providers.
struct provider {
    std::string name;  ///< "OpenAI"
    std::string slug;  ///< "openai", as in an endpoint's tag
    std::optional<std::string> privacy_policy_url;
    std::optional<std::string> terms_of_service_url;
    std::optional<std::string> status_page_url;  ///< "https://status.openai.com"
    std::optional<std::string> headquarters;
    std::vector<std::string> datacenters;
};

/// The `data` list of /providers.
struct provider_list {
    std::vector<provider> data;

    /// The provider whose slug is `slug`, or nullptr.
    const provider* find_slug(std::string_view slug) const;
};

/// Parses a /providers body ({"data": [...]}).
parse_result<provider_list> parse_provider_list(std::string_view body);

}  // namespace ngd::openrouter
