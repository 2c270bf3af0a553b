#include "openrouter/key_info.hpp"

#include "openrouter/json_read.hpp"

namespace ngd::openrouter {

namespace {

using detail::object_reader;

std::optional<free_model_quota> read_quota(object_reader& data)
{
    auto q = data.opt_object("free_model_daily_requests");
    if (!q) return std::nullopt;
    return free_model_quota{q->integer("limit"), q->integer("remaining"), q->integer("used")};
}

std::optional<legacy_rate_limit> read_rate_limit(object_reader& data)
{
    auto r = data.opt_object("rate_limit");
    if (!r) return std::nullopt;
    legacy_rate_limit out;
    out.requests = r->opt_integer("requests").value_or(0);
    out.interval = r->opt_string("interval").value_or("");
    out.note = r->opt_string("note").value_or("");
    return out;
}

void read_usage(object_reader& data, key_info& k)
{
    k.usage = data.number("usage");
    k.usage_daily = data.opt_number("usage_daily");
    k.usage_weekly = data.opt_number("usage_weekly");
    k.usage_monthly = data.opt_number("usage_monthly");
    k.byok_usage = data.opt_number("byok_usage");
    k.byok_usage_daily = data.opt_number("byok_usage_daily");
    k.byok_usage_weekly = data.opt_number("byok_usage_weekly");
    k.byok_usage_monthly = data.opt_number("byok_usage_monthly");
}

key_info read_key_info(object_reader& root)
{
    auto data = root.object("data");
    key_info k;
    k.label = data.string("label");
    k.limit = data.opt_number("limit");
    k.has_limit_remaining = data.has("limit_remaining");
    k.limit_remaining = data.opt_number("limit_remaining");
    k.limit_reset = data.opt_string("limit_reset");
    k.include_byok_in_limit = data.opt_boolean("include_byok_in_limit");
    read_usage(data, k);
    k.is_free_tier = data.opt_boolean("is_free_tier").value_or(false);
    const bool management = data.opt_boolean("is_management_key").value_or(false);
    const bool provisioning = data.opt_boolean("is_provisioning_key").value_or(false);
    k.is_management_key = management || provisioning;
    k.expires_at = data.opt_string("expires_at");
    k.creator_user_id = data.opt_string("creator_user_id");
    k.organization_id = data.opt_string("organization_id");
    k.workspace_id = data.opt_string("workspace_id");
    k.allowed_data_regions = data.strings("allowed_data_regions");
    k.free_model_daily_requests = read_quota(data);
    k.rate_limit = read_rate_limit(data);
    return k;
}

}  // namespace

std::optional<double> key_info::remaining_under_limit() const
{
    if (limit_remaining) return limit_remaining;
    if (!has_limit_remaining && limit) return *limit - usage;
    return std::nullopt;
}

parse_result<key_info> parse_key_info(std::string_view body)
{
    return detail::read_document<key_info>(body, read_key_info);
}

}  // namespace ngd::openrouter
