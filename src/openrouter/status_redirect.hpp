#pragma once
/// A status page known to redirect, asked in one round trip instead of two.
#include "openrouter/api.hpp"

namespace ngd::openrouter {

/// GET {page}/api/v2/status.json where `page` is known to redirect to `target`: the page
/// (without following) and the target are asked at once. When the page's answer confirms
/// the redirect, the target's answer is the page's; when the page answers itself, that
/// answer stands; when it redirects elsewhere, it is followed as usual. Never sends a key.
boost::asio::awaitable<api_result<status_page_state>> statuspage_status_via(net::client& http,
                                                                            std::string_view page_url,
                                                                            std::string_view target_url);

}  // namespace ngd::openrouter
