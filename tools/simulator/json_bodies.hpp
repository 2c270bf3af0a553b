#pragma once
/// The JSON bodies of the OpenRouter API, shaped so @openrouter/sdk 1.3.19's
/// $inboundSchemas accept them (every required field present, key order as observed).
#include "simulator/catalog.hpp"
#include "simulator/scenario.hpp"

#include <boost/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace ngd::sim {

/// {"error":{"message":M,"code":C}}: message first, as OpenRouter's own bodies are.
boost::json::object error_envelope(int code, std::string_view message);

/// {"error":{"code":C,"message":M}}: the order of the OpenAPI examples (403, 404).
boost::json::object oas_error_envelope(int code, std::string_view message);

/// The `error` member of an envelope, to add metadata to.
boost::json::object& error_of(boost::json::object& envelope);

/// GET /key and /auth/key: {"data": {...}} for a valid key.
std::string key_body(const key_record& key);

/// GET /credits: {"data":{"total_credits","total_usage"}}.
std::string credits_body(const key_record& key);

/// GET /models and /models/user: {data, total_count, links:{next}}.
std::string model_listing_body(const std::vector<const model_entry*>& page, std::size_t total_count,
                               const std::string* next_link);

/// GET /model/{author}/{slug}: {"data": Model}.
std::string model_body(const model_entry& model);

/// GET /models/{author}/{slug}/endpoints. Latency and throughput are only shown to authenticated callers.
std::string endpoints_body(const model_entry& model, bool authenticated);

/// GET /providers.
std::string providers_body(const boost::json::array& providers);

/// GET /models/count.
std::string model_count_body(std::size_t count);

}  // namespace ngd::sim
