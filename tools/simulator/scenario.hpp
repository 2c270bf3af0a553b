#pragma once
/// What the simulated world looks like: keys, the model catalog, providers, status pages,
/// latency and injected faults. Loaded once from a scenario file (scenario_load.hpp);
/// key usage counters change as requests are served.
#include "simulator/catalog.hpp"
#include "simulator/generation_records.hpp"
#include "simulator/route_match.hpp"

#include <boost/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ngd::sim {

/// The account-wide daily quota for `:free` model variants (resets at UTC midnight).
struct free_daily_quota {
    long limit = 1000;
    long remaining = 1000;
    long used = 0;
};

enum class key_state { valid, revoked, expired };

/// One API key the simulated OpenRouter knows, with its account's numbers.
struct key_record {
    std::string name;                   ///< how the request log names it (never the key itself)
    std::string label;                  ///< OpenRouter's masked form, sk-or-v1-abc...xyz
    key_state state = key_state::valid;
    std::optional<std::string> expires_at;  ///< ISO-8601; in the past means expired
    bool management = false;
    bool is_free_tier = false;
    std::optional<double> limit;        ///< USD cap; nullopt = unlimited
    std::optional<double> limit_remaining;
    std::optional<std::string> limit_reset;  ///< daily / weekly / monthly / none
    bool include_byok_in_limit = false;
    double usage = 0, usage_daily = 0, usage_weekly = 0, usage_monthly = 0;
    double total_credits = 0, total_usage = 0;  ///< what /credits reports (management keys)
    free_daily_quota free_requests;
    std::vector<std::string> excluded_models;  ///< hidden from /models/user, refused by inference
    std::vector<std::string> allowed_data_regions{"global"};
    std::string creator_user_id;
    std::optional<std::string> organization_id;
    std::optional<std::string> workspace_id;

    /// Revoked, or expired by state or by `expires_at`.
    bool rejected(std::int64_t now_unix) const;
    /// USD left on the account (total_credits - total_usage).
    double balance() const { return total_credits - total_usage; }
};

enum class status_page_kind {
    statuspage,   ///< Atlassian Statuspage v2 JSON API
    redirect,     ///< every path answers 302 to another host, same path
    onlineornot,  ///< HTML shell and /incidents.rss; /api/v2/* is 403
};

/// One simulated status-page host.
struct status_page {
    std::string host;
    status_page_kind kind = status_page_kind::statuspage;
    std::string name;                    ///< page name ("OpenAI")
    std::string page_id;
    std::string indicator = "none";      ///< none, minor, major, critical, maintenance
    std::string description;             ///< derived from the indicator when empty
    boost::json::array components;       ///< Statuspage component objects
    boost::json::array incidents;        ///< Statuspage incident objects
    bool summary_has_incidents = true;   ///< incident.io's compatibility summary omits the key
    std::string redirect_to;             ///< for kind redirect: target host
};

enum class fault_kind {
    malformed_json,  ///< 200 application/json that does not parse
    html_502,        ///< a CDN's 502 HTML page
    truncated,       ///< Content-Length larger than what is sent, then close
    slow_drip,       ///< the body one byte every interval_ms
    reset,           ///< TCP reset instead of an answer
    oversized,       ///< a body over 16 MiB
    redirect_loop,   ///< 302 back to the same URL, forever
    status,          ///< an arbitrary status, body and content type
};

/// A fault injected on matching requests.
struct fault {
    route_match where;
    fault_kind kind = fault_kind::status;
    int status = 500;
    std::string body;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    int interval_ms = 100;               ///< slow_drip pace
    std::optional<long> times;           ///< apply to the first N matches only
};

/// Extra delay for matching requests.
struct latency_rule {
    route_match where;
    int ms = 0;
};

/// A model OpenRouter stopped serving: not in the catalog any more, and inference on it
/// answers 404 with the availability code and the replacements OpenRouter suggests.
struct retired_model {
    std::string code = "model_deprecated";      ///< or "free_variant_ended"
    std::vector<std::string> fallback_models;  ///< suggested replacement slugs
};

/// The whole simulated world.
struct scenario {
    std::string user_id = "user_2x7DNyswjOHVRWDYVMCIROyGjsS";
    std::map<std::string, key_record> keys;   ///< by the full key string
    catalog models;
    boost::json::array providers;             ///< /providers objects
    std::map<std::string, status_page> status_pages;  ///< by host
    std::vector<fault> faults;
    int default_latency_ms = 0;
    std::vector<latency_rule> latency;
    bool models_require_auth = false;         ///< /models answers 401 to a rejected key
    bool availability_in_errors = false;      ///< add the documented `availability` object
    std::map<std::string, retired_model> retired_models;
    std::string missing_auth_wording = "classic";  ///< 401 without a key: classic, cookie or spec
    std::string credits_wording = "afford";        ///< account 402: afford ("...can only afford N") or insufficient  ///< by id; removed from the catalog
    std::string completion_text = "pong";
    generation_records generations;  ///< filled as inference is served; read by GET /generation

    /// Every host this world answers for: openrouter.ai and each status page.
    std::vector<std::string> hosts() const;
};

}  // namespace ngd::sim
