#include "simulator/generation_records.hpp"

#include <boost/json.hpp>

#include <ctime>

namespace ngd::sim {

namespace json = boost::json;

void generation_records::remember(generation_record record)
{
    const std::string id = record.id;
    if (by_id_.insert_or_assign(id, std::move(record)).second) order_.push_back(id);
    while (order_.size() > capacity) {
        by_id_.erase(order_.front());
        order_.pop_front();
    }
}

const generation_record* generation_records::find(const std::string& id) const
{
    const auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : &it->second;
}

namespace {

std::string iso_time(std::int64_t unix_seconds)
{
    const std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char buffer[40];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S.000000+00:00", &tm);
    return buffer;
}

}  // namespace

std::string generation_body(const generation_record& r)
{
    // Timings are simulated: a fixed time to the first token, then a pace per output token.
    const long generation_time = 20 * r.completion_tokens;
    const long latency = 150 + generation_time;
    const char* finish = r.cut_by_max_tokens ? "length" : "stop";
    json::object data{
        {"id", r.id},
        {"api_type", r.api_type},
        {"app_id", nullptr},
        {"cache_discount", nullptr},
        {"cancelled", false},
        {"created_at", iso_time(r.created)},
        {"data_region", "global"},
        {"external_user", nullptr},
        {"finish_reason", finish},
        {"generation_time", generation_time},
        {"http_referer", nullptr},
        {"is_byok", false},
        {"latency", latency},
        {"model", r.model},
        {"moderation_latency", nullptr},
        {"native_finish_reason", finish},
        {"native_tokens_cached", 0},
        {"native_tokens_completion", r.completion_tokens},
        {"native_tokens_completion_images", 0},
        {"native_tokens_prompt", r.prompt_tokens},
        {"native_tokens_reasoning", 0},
        {"num_fetches", 0},
        {"num_input_audio_prompt", 0},
        {"num_media_completion", 0},
        {"num_media_prompt", 0},
        {"num_search_results", 0},
        {"origin", ""},
        {"preset_id", nullptr},
        {"provider_name", r.provider},
        {"provider_responses", nullptr},
        {"request_id", nullptr},
        {"router", nullptr},
        {"service_tier", nullptr},
        {"session_id", nullptr},
        {"streamed", r.streamed},
        {"tokens_completion", r.completion_tokens},
        {"tokens_prompt", r.prompt_tokens},
        {"total_cost", r.cost},
        {"upstream_id", nullptr},
        {"upstream_inference_cost", nullptr},
        {"usage", r.cost},
        {"user_agent", nullptr},
        {"web_search_engine", nullptr},
        {"workspace_id", nullptr},
    };
    return json::serialize(json::object{{"data", std::move(data)}});
}

}  // namespace ngd::sim
