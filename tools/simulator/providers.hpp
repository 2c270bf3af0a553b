#pragma once
/// The inference providers OpenRouter routes to, as /providers lists them.
#include <boost/json.hpp>

#include <span>
#include <string_view>

namespace ngd::sim {

struct provider_info {
    std::string_view name;         ///< display name, the endpoints' provider_name
    std::string_view slug;         ///< the endpoints' tag, used in provider.order/only/ignore
    std::string_view status_page;  ///< status_page_url, empty when none is simulated
    std::string_view privacy_policy_url;
    std::string_view headquarters;
};

/// Every default provider.
std::span<const provider_info> known_providers();

/// The provider with that slug, or nullptr.
const provider_info* provider_by_slug(std::string_view slug);

/// /providers objects for the default providers.
boost::json::array default_providers_json();

}  // namespace ngd::sim
