#define BOOST_TEST_MODULE openrouter_parse
#include <boost/test/unit_test.hpp>

#include "openrouter/catalog_reads.hpp"
#include "openrouter/chat.hpp"
#include "openrouter/credits.hpp"
#include "openrouter/endpoints.hpp"
#include "openrouter/key_info.hpp"
#include "openrouter/model.hpp"
#include "openrouter/providers.hpp"
#include "openrouter/statuspage.hpp"
#include "openrouter_test_fixtures.hpp"

using namespace ngd::openrouter;
using ngd::test::openrouter_fixture;

BOOST_AUTO_TEST_SUITE(key)

BOOST_AUTO_TEST_CASE(fixture_parses_every_field)
{
    const auto k = parse_key_info(openrouter_fixture("key_ok.json"));
    BOOST_TEST_REQUIRE(k.ok(), k.error.text());
    BOOST_TEST(k->label == "sk-or-v1-0e6...c96");
    BOOST_TEST(k->limit.value() == 100.0);
    BOOST_TEST(k->limit_remaining.value() == 74.5);
    BOOST_TEST(k->has_limit_remaining);
    BOOST_TEST(k->limit_reset.value() == "monthly");
    BOOST_TEST(k->include_byok_in_limit.value() == false);
    BOOST_TEST(k->usage == 25.5);
    BOOST_TEST(k->usage_daily.value() == 1.25);
    BOOST_TEST(k->usage_weekly.value() == 6.0);
    BOOST_TEST(k->usage_monthly.value() == 25.5);
    BOOST_TEST(k->byok_usage.value() == 0.0);
    BOOST_TEST(!k->is_free_tier);
    BOOST_TEST(!k->is_management_key);
    BOOST_TEST(!k->expires_at.has_value());
    BOOST_TEST(k->creator_user_id.value() == "user_2dHFtVWx2n56w6HkM0000000000");
    BOOST_TEST(!k->organization_id.has_value());
    BOOST_TEST(k->workspace_id.value() == "0df9e665-d932-5740-b2c7-b52af166bc11");
    BOOST_TEST(k->allowed_data_regions == std::vector<std::string>{"global"});
    BOOST_TEST_REQUIRE(k->free_model_daily_requests.has_value());
    BOOST_TEST(k->free_model_daily_requests->limit == 1000);
    BOOST_TEST(k->free_model_daily_requests->remaining == 998);
    BOOST_TEST(k->free_model_daily_requests->used == 2);
    BOOST_TEST_REQUIRE(k->rate_limit.has_value());
    BOOST_TEST(k->rate_limit->requests == -1);
    BOOST_TEST(k->rate_limit->interval == "10s");
    BOOST_TEST(k->remaining_under_limit().value() == 74.5);
}

BOOST_AUTO_TEST_CASE(legacy_auth_key_shape_parses)
{
    const auto k = parse_key_info(
        R"({"data":{"label":"sk-or-v1-abc...xyz","usage":3.5,"limit":10,"is_free_tier":true,
            "rate_limit":{"requests":20,"interval":"10s"}}})");
    BOOST_TEST_REQUIRE(k.ok(), k.error.text());
    BOOST_TEST(k->is_free_tier);
    BOOST_TEST(!k->has_limit_remaining);
    BOOST_TEST(!k->free_model_daily_requests.has_value());
    BOOST_TEST(!k->is_management_key);
    BOOST_TEST(k->rate_limit->requests == 20);
    BOOST_TEST(k->remaining_under_limit().value() == 6.5);
}

BOOST_AUTO_TEST_CASE(older_current_shape_without_new_fields_parses)
{
    // SDK 1.2.54's required set: no free_model_daily_requests, organization_id, workspace_id, regions.
    const auto k = parse_key_info(
        R"({"data":{"label":"sk-or-v1-au7...890","limit":null,"usage":1,"usage_daily":0,"usage_weekly":0,
            "usage_monthly":1,"byok_usage":0,"byok_usage_daily":0,"byok_usage_weekly":0,"byok_usage_monthly":0,
            "is_free_tier":false,"is_management_key":false,"is_provisioning_key":false,"limit_remaining":null,
            "limit_reset":null,"include_byok_in_limit":false,"creator_user_id":null,
            "rate_limit":{"requests":-1,"interval":"1h","note":"deprecated"},"expires_at":"2027-12-31T23:59:59Z"}})");
    BOOST_TEST_REQUIRE(k.ok(), k.error.text());
    BOOST_TEST(!k->limit.has_value());
    BOOST_TEST(!k->remaining_under_limit().has_value());
    BOOST_TEST(!k->limit_reset.has_value());
    BOOST_TEST(!k->free_model_daily_requests.has_value());
    BOOST_TEST(k->allowed_data_regions.empty());
    BOOST_TEST(k->expires_at.value() == "2027-12-31T23:59:59Z");
}

BOOST_AUTO_TEST_CASE(management_flag_read_from_either_name)
{
    const auto current = parse_key_info(R"({"data":{"label":"x","usage":0,"is_management_key":true}})");
    BOOST_TEST_REQUIRE(current.ok(), current.error.text());
    BOOST_TEST(current->is_management_key);
    const auto deprecated = parse_key_info(R"({"data":{"label":"x","usage":0,"is_provisioning_key":true}})");
    BOOST_TEST_REQUIRE(deprecated.ok(), deprecated.error.text());
    BOOST_TEST(deprecated->is_management_key);
    const auto neither = parse_key_info(R"({"data":{"label":"x","usage":0}})");
    BOOST_TEST_REQUIRE(neither.ok(), neither.error.text());
    BOOST_TEST(!neither->is_management_key);
}

BOOST_AUTO_TEST_CASE(exhausted_quota_and_cap)
{
    const auto k = parse_key_info(
        R"({"data":{"label":"x","usage":10,"limit":10,"limit_remaining":0,"is_free_tier":true,
            "free_model_daily_requests":{"limit":50,"remaining":0,"used":50},"unknown_new_field":{"a":[1,2]}}})");
    BOOST_TEST_REQUIRE(k.ok(), k.error.text());
    BOOST_TEST(k->remaining_under_limit().value() == 0.0);
    BOOST_TEST(k->free_model_daily_requests->remaining == 0);
}

BOOST_AUTO_TEST_CASE(wrong_types_name_the_field)
{
    const auto k = parse_key_info(R"({"data":{"label":"x","usage":0,"limit_remaining":"12"}})");
    BOOST_TEST_REQUIRE(!k.ok());
    BOOST_TEST(k.error.text() == "data.limit_remaining: expected a number or null, got a string");

    const auto quota = parse_key_info(
        R"({"data":{"label":"x","usage":0,"free_model_daily_requests":{"limit":50,"remaining":"0","used":1}}})");
    BOOST_TEST(quota.error.text() ==
               "data.free_model_daily_requests.remaining: expected an integer, got a string");

    const auto missing = parse_key_info(R"({"data":{"label":"x"}})");
    BOOST_TEST(missing.error.text() == "data.usage: missing, expected a number");

    const auto no_data = parse_key_info(R"({"error":null})");
    BOOST_TEST(no_data.error.text() == "data: missing, expected an object");

    const auto flag = parse_key_info(R"({"data":{"label":"x","usage":0,"is_management_key":"false"}})");
    BOOST_TEST(flag.error.text() == "data.is_management_key: expected a boolean or null, got a string");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(credits_body)

BOOST_AUTO_TEST_CASE(fixture_and_negative_balance)
{
    const auto c = parse_credits(openrouter_fixture("credits_ok.json"));
    BOOST_TEST_REQUIRE(c.ok(), c.error.text());
    BOOST_TEST(c->total_credits == 100.5);
    BOOST_TEST(c->total_usage == 25.75);
    BOOST_TEST(c->balance() == 74.75);
    const auto overdrawn = parse_credits(R"({"data":{"total_credits":5,"total_usage":5.5}})");
    BOOST_TEST(overdrawn->balance() < 0);
    BOOST_TEST(parse_credits(R"({"data":{"total_credits":5}})").error.text() ==
               "data.total_usage: missing, expected a number");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(models)

BOOST_AUTO_TEST_CASE(fixture_catalog)
{
    const auto list = parse_model_list(openrouter_fixture("models_ok.json"));
    BOOST_TEST_REQUIRE(list.ok(), list.error.text());
    BOOST_TEST_REQUIRE(list->data.size() == 2u);
    BOOST_TEST(list->total_count.value() == 2);
    BOOST_TEST(!list->next_link.has_value());

    const auto& mini = list->data[0];
    BOOST_TEST(mini.id == "openai/gpt-4o-mini");
    BOOST_TEST(mini.canonical_slug == "openai/gpt-4o-mini-2024-07-18");
    BOOST_TEST(mini.name == "OpenAI: GPT-4o-mini");
    BOOST_TEST(mini.context_length.value() == 128000);
    BOOST_TEST(mini.pricing.prompt == "0.00000015");
    BOOST_TEST(mini.pricing.prompt_usd == 0.00000015);
    BOOST_TEST(mini.pricing.completion_usd == 0.0000006);
    BOOST_TEST(mini.pricing.input_cache_read.value() == "0.000000075");
    BOOST_TEST(!mini.pricing.is_free());
    BOOST_TEST(mini.architecture->modality.value() == "text+image->text");
    BOOST_TEST(mini.architecture->input_modalities.size() == 3u);
    BOOST_TEST(mini.top_provider->max_completion_tokens.value() == 16384);
    BOOST_TEST(mini.top_provider->is_moderated.value());
    BOOST_TEST(mini.supported_parameters.size() == 8u);
    BOOST_TEST(!mini.expiration_date.has_value());
    BOOST_TEST(mini.details_link.value() == "/api/v1/models/openai/gpt-4o-mini/endpoints");

    const auto* llama = list->find("meta-llama/llama-3.3-70b-instruct:free");
    BOOST_TEST_REQUIRE(llama != nullptr);
    BOOST_TEST(llama->pricing.is_free());
    BOOST_TEST(llama->expiration_date.value() == "2026-12-31");
    BOOST_TEST(llama->hugging_face_id.value() == "meta-llama/Llama-3.3-70B-Instruct");
    BOOST_TEST(!llama->top_provider->max_completion_tokens.has_value());
    BOOST_TEST(list->find("openai/gpt-4o") == nullptr);
}

BOOST_AUTO_TEST_CASE(older_body_with_data_only)
{
    const auto list = parse_model_list(
        R"({"data":[{"id":"a/b","name":"B","context_length":null,"pricing":{"prompt":"0","completion":"0"}}]})");
    BOOST_TEST_REQUIRE(list.ok(), list.error.text());
    BOOST_TEST(!list->total_count.has_value());
    BOOST_TEST(list->data[0].canonical_slug.empty());
    BOOST_TEST(!list->data[0].context_length.has_value());
    BOOST_TEST(!list->data[0].architecture.has_value());
}

BOOST_AUTO_TEST_CASE(prices)
{
    BOOST_TEST(parse_price("0.00000015").value() == 0.00000015);
    BOOST_TEST(parse_price("-1").value() == -1.0);
    BOOST_TEST(!parse_price("abc").has_value());
    BOOST_TEST(!parse_price("").has_value());
    BOOST_TEST(!parse_price("1.5x").has_value());
    BOOST_TEST(!parse_price("inf").has_value());

    const auto router = parse_model_list(
        R"({"data":[{"id":"openrouter/auto","pricing":{"prompt":"-1","completion":"-1"}},
                    {"id":"x/numeric","pricing":{"prompt":0.000001,"completion":0}}]})");
    BOOST_TEST_REQUIRE(router.ok(), router.error.text());
    BOOST_TEST(router->data[0].pricing.is_variable());
    BOOST_TEST(router->data[1].pricing.prompt_usd == 0.000001);

    const auto bad = parse_model_list(
        R"({"data":[{"id":"a/b","pricing":{"prompt":"0","completion":"0"}},{"id":"c/d","pricing":{"prompt":"free","completion":"0"}}]})");
    BOOST_TEST(bad.error.text() == "data[1].pricing.prompt: expected a decimal number in a string, got \"free\"");
    const auto no_price = parse_model_list(R"({"data":[{"id":"a/b","pricing":{"prompt":"0"}}]})");
    BOOST_TEST(no_price.error.text() == "data[0].pricing.completion: missing, expected a price string");
}

BOOST_AUTO_TEST_CASE(a_place_is_spelt_out_only_for_the_error_and_names_the_element)
{
    const auto bad = parse_model_list(
        R"({"data":[{"id":"a/b","supported_parameters":["tools"]},{"id":"c/d","supported_parameters":["tools",7]}]})");
    BOOST_TEST(bad.error.text() == "data[1].supported_parameters[1]: expected a string, got a number");
    const auto top = parse_model_list(R"({"data":[],"total_count":"many"})");
    BOOST_TEST(top.error.text() == "total_count: expected an integer or null, got a string");
}

// Identical bodies (every key of one account, and often /models too) are parsed once, each
// asker getting the same value; another body, or a broken one, is its own.
BOOST_AUTO_TEST_CASE(catalog_reads_parse_each_distinct_body_once)
{
    const std::string body = openrouter_fixture("models_ok.json");
    catalog_reads reads;
    const auto first = reads.parse(body);
    const auto again = reads.parse(std::string(body));
    BOOST_TEST_REQUIRE(first.ok(), first.error.text());
    BOOST_TEST_REQUIRE(again.ok());
    BOOST_TEST(reads.distinct() == 1u);
    BOOST_TEST(again->data.size() == first->data.size());
    BOOST_TEST(again->data.front().id == first->data.front().id);
    BOOST_TEST((again->total_count == first->total_count));

    const auto other = reads.parse(R"({"data":[{"id":"a/b"}]})");
    BOOST_TEST(reads.distinct() == 2u);
    BOOST_TEST_REQUIRE(other.ok());
    BOOST_TEST(other->data.size() == 1u);

    const auto broken = reads.parse(R"({"data":[{"name":"no id"}]})");
    BOOST_TEST(broken.error.text() == parse_model_list(R"({"data":[{"name":"no id"}]})").error.text());
    BOOST_TEST(reads.parse(R"({"data":[{"name":"no id"}]})").error.text() == broken.error.text());
    BOOST_TEST(reads.distinct() == 3u);
}

BOOST_AUTO_TEST_CASE(catalog_reads_remember_a_bounded_number_of_bodies)
{
    catalog_reads reads;
    for (std::size_t i = 0; i < catalog_reads::max_kept + 5; ++i) {
        const auto list = reads.parse(R"({"data":[{"id":"a/m)" + std::to_string(i) + R"("}]})");
        BOOST_TEST_REQUIRE(list.ok(), list.error.text());
        BOOST_TEST(list->data.front().id == "a/m" + std::to_string(i));
    }
    BOOST_TEST(reads.distinct() == catalog_reads::max_kept);

    // Nor more bytes than max_kept_bytes: a body that would pass them is parsed, not kept.
    catalog_reads by_size;
    const std::string big = R"({"data":[],"padding":")" + std::string(catalog_reads::max_kept_bytes / 2, 'x') + "\"}";
    BOOST_TEST(by_size.parse(big).ok());
    BOOST_TEST(by_size.parse(big + " ").ok());
    BOOST_TEST(by_size.distinct() == 1u);
    BOOST_TEST(by_size.parse(R"({"data":[]})").ok());
    BOOST_TEST(by_size.distinct() == 2u);
}

BOOST_AUTO_TEST_CASE(single_model)
{
    const auto m = parse_single_model(
        R"({"data":{"id":"openai/gpt-4o","canonical_slug":"openai/gpt-4o-2024-05-13","name":"GPT-4o",
            "context_length":128000,"pricing":{"prompt":"0.0000025","completion":"0.00001"},
            "expiration_date":"2026-01-01"}})");
    BOOST_TEST_REQUIRE(m.ok(), m.error.text());
    BOOST_TEST(m->id == "openai/gpt-4o");
    BOOST_TEST(m->expiration_date.value() == "2026-01-01");
    BOOST_TEST(parse_single_model(R"({"data":[]})").error.text() == "data: expected an object, got an array");
}

BOOST_AUTO_TEST_CASE(wrong_shapes)
{
    BOOST_TEST(parse_model_list(R"({"data":{}})").error.text() == "data: expected an array, got an object");
    BOOST_TEST(parse_model_list(R"({"data":[1]})").error.text() == "data[0]: expected an object, got a number");
    BOOST_TEST(parse_model_list(R"({"data":[{"id":"a/b","pricing":{"prompt":"0","completion":"0"},"context_length":1.5}]})")
                   .error.text() == "data[0].context_length: expected an integer or null, got a fractional number");
    BOOST_TEST(parse_model_list(R"({"data":[{"id":"a/b","pricing":{"prompt":"0","completion":"0"},"supported_parameters":["x",2]}]})")
                   .error.text() == "data[0].supported_parameters[1]: expected a string, got a number");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(endpoints)

BOOST_AUTO_TEST_CASE(fixture_healthy_and_degraded)
{
    const auto list = parse_endpoint_list(openrouter_fixture("endpoints_ok.json"));
    BOOST_TEST_REQUIRE(list.ok(), list.error.text());
    BOOST_TEST(list->id == "openai/gpt-4o-mini");
    BOOST_TEST(list->architecture->tokenizer.value() == "GPT");
    BOOST_TEST(!list->architecture->instruct_type.has_value());
    BOOST_TEST_REQUIRE(list->endpoints.size() == 2u);

    const auto& openai = list->endpoints[0];
    BOOST_TEST(openai.provider_name == "OpenAI");
    BOOST_TEST(openai.tag == "openai");
    BOOST_TEST(openai.status.value() == 0);
    BOOST_TEST(openai.uptime_last_30m.value() == 99.93);
    BOOST_TEST(openai.uptime_last_5m.value() == 100.0);
    BOOST_TEST(openai.uptime_last_1d.value() == 99.8);
    BOOST_TEST(openai.context_length.value() == 128000);
    BOOST_TEST(openai.pricing->completion_usd == 0.0000006);
    BOOST_TEST(openai.pricing->discount.value() == 0.0);
    BOOST_TEST(!openai.quantization.has_value());
    BOOST_TEST(openai.latency_last_30m->p50.value() == 412.0);
    BOOST_TEST(openai.throughput_last_30m->p99.value() == 22.3);
    BOOST_TEST(!openai.max_prompt_tokens.has_value());

    const auto& azure = list->endpoints[1];
    BOOST_TEST(azure.tag == "azure");
    BOOST_TEST(azure.status.value() == -2);
    BOOST_TEST(azure.uptime_last_30m.value() == 71.4);
    BOOST_TEST(!azure.uptime_last_5m.has_value());
    BOOST_TEST(!azure.latency_last_30m.has_value());
    BOOST_TEST(azure.quantization.value() == "unknown");
}

BOOST_AUTO_TEST_CASE(status_optional_and_open)
{
    const auto list = parse_endpoint_list(
        R"({"data":{"id":"a/b","name":"B","endpoints":[
            {"name":"P | a/b","provider_name":"P","tag":"p","context_length":8192,"pricing":{"prompt":"0","completion":"0"}},
            {"name":"Q | a/b","provider_name":"Q","tag":"q/turbo","status":-10,"uptime_last_30m":null},
            {"name":"R | a/b","provider_name":"R","tag":"r","status":7}]}})");
    BOOST_TEST_REQUIRE(list.ok(), list.error.text());
    BOOST_TEST(!list->endpoints[0].status.has_value());
    BOOST_TEST(list->endpoints[1].status.value() == -10);
    BOOST_TEST(!list->endpoints[1].uptime_last_30m.has_value());
    BOOST_TEST(list->endpoints[2].status.value() == 7);
    BOOST_TEST(list->endpoints[1].tag == "q/turbo");
}

BOOST_AUTO_TEST_CASE(no_endpoints_and_wrong_shapes)
{
    const auto empty = parse_endpoint_list(R"({"data":{"id":"a/b","name":"B","endpoints":[]}})");
    BOOST_TEST_REQUIRE(empty.ok(), empty.error.text());
    BOOST_TEST(empty->endpoints.empty());
    BOOST_TEST(parse_endpoint_list(R"({"data":{"id":"a/b","endpoints":[{"provider_name":"P","uptime_last_30m":"99"}]}})")
                   .error.text() == "data.endpoints[0].uptime_last_30m: expected a number or null, got a string");
    BOOST_TEST(parse_endpoint_list(R"({"data":{"id":"a/b"}})").error.text() ==
               "data.endpoints: missing, expected an array");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(providers)

BOOST_AUTO_TEST_CASE(with_and_without_status_page)
{
    const auto list = parse_provider_list(
        R"({"data":[{"name":"OpenAI","slug":"openai","privacy_policy_url":"https://openai.com/privacy",
            "terms_of_service_url":"https://openai.com/terms","status_page_url":"https://status.openai.com",
            "headquarters":"US","datacenters":["US","IE"]},
            {"name":"Tiny","slug":"tiny","privacy_policy_url":null,"status_page_url":null}]})");
    BOOST_TEST_REQUIRE(list.ok(), list.error.text());
    BOOST_TEST(list->find_slug("openai")->status_page_url.value() == "https://status.openai.com");
    BOOST_TEST(list->find_slug("openai")->datacenters.size() == 2u);
    BOOST_TEST(!list->find_slug("tiny")->status_page_url.has_value());
    BOOST_TEST(list->find_slug("nope") == nullptr);
    BOOST_TEST(parse_provider_list(R"({"data":[{"name":"A"}]})").error.text() ==
               "data[0].slug: missing, expected a string");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(statuspage)

BOOST_AUTO_TEST_CASE(status_json)
{
    const auto s = parse_statuspage_status(
        R"({"page":{"id":"kctbh9vrtdwd","name":"GitHub","url":"https://www.githubstatus.com","time_zone":"Etc/UTC",
            "updated_at":"2026-10-06T14:26:42.465Z"},"status":{"indicator":"none","description":"All Systems Operational"}})");
    BOOST_TEST_REQUIRE(s.ok(), s.error.text());
    BOOST_TEST(s->page.name == "GitHub");
    BOOST_TEST(s->page.updated_at.value() == "2026-10-06T14:26:42.465Z");
    BOOST_TEST((s->status.indicator == status_indicator::none));
    BOOST_TEST(s->status.description == "All Systems Operational");

    for (const auto& [text, value] :
         std::vector<std::pair<std::string, status_indicator>>{{"minor", status_indicator::minor},
                                                              {"major", status_indicator::major},
                                                              {"critical", status_indicator::critical},
                                                              {"maintenance", status_indicator::maintenance},
                                                              {"elevated", status_indicator::unknown}}) {
        const auto body = R"({"page":{"id":"p","name":"P","url":"u"},"status":{"indicator":")" + text +
                          R"(","description":"d"}})";
        const auto parsed = parse_statuspage_status(body);
        BOOST_TEST_REQUIRE(parsed.ok(), parsed.error.text());
        BOOST_TEST((parsed->status.indicator == value));
        BOOST_TEST(parsed->status.indicator_text == text);
    }
    BOOST_TEST(parse_statuspage_status(R"({"page":{},"status":{"indicator":1}})").error.text() ==
               "status.indicator: expected a string, got a number");
}

BOOST_AUTO_TEST_CASE(summary_with_groups_and_incidents)
{
    const auto s = parse_statuspage_summary(R"({
      "page":{"id":"p1","name":"Claude","url":"https://status.claude.com"},
      "status":{"indicator":"minor","description":"Partially Degraded Service"},
      "components":[
        {"id":"grp1","name":"Claude API","status":"operational","group":true,"group_id":null,"components":["c1","c2"]},
        {"id":"c1","name":"API Requests","status":"degraded_performance","group":false,"group_id":"grp1","only_show_if_degraded":false},
        {"id":"c2","name":"Batch","status":"operational","group":false,"group_id":"grp1","only_show_if_degraded":true},
        {"id":"c3","name":"Console","status":"being_weird"}],
      "incidents":[{"id":"i1","name":"Elevated errors on Claude API","status":"investigating","impact":"minor",
        "shortlink":"https://stspg.io/xxxx","created_at":"2026-01-01T00:00:00Z","incident_updates":[]}],
      "scheduled_maintenances":[]})");
    BOOST_TEST_REQUIRE(s.ok(), s.error.text());
    BOOST_TEST_REQUIRE(s->components.size() == 4u);
    BOOST_TEST(s->components[0].group);
    BOOST_TEST(s->components[0].children.size() == 2u);
    BOOST_TEST(s->components[1].group_id.value() == "grp1");
    BOOST_TEST(s->components[2].hidden());
    BOOST_TEST(!s->components[1].hidden());
    BOOST_TEST((s->components[3].status == component_status::unknown));
    BOOST_TEST(s->components[3].status_text == "being_weird");
    BOOST_TEST((s->worst_component() == component_status::degraded_performance));
    BOOST_TEST_REQUIRE(s->incidents.has_value());
    BOOST_TEST(s->incidents->at(0).name == "Elevated errors on Claude API");
    BOOST_TEST(s->incidents->at(0).impact == "minor");
    BOOST_TEST(s->scheduled_maintenance_count.value() == 0u);
}

BOOST_AUTO_TEST_CASE(incident_io_compatible_summary_without_incidents)
{
    const auto s = parse_statuspage_summary(
        R"({"page":{"id":"openai","name":"OpenAI","url":"https://status.openai.com"},
            "status":{"indicator":"none","description":"All Systems Operational"},"components":[]})");
    BOOST_TEST_REQUIRE(s.ok(), s.error.text());
    BOOST_TEST(!s->incidents.has_value());
    BOOST_TEST(s->components.empty());
    BOOST_TEST((s->worst_component() == component_status::operational));
}

BOOST_AUTO_TEST_CASE(component_status_names_round_trip)
{
    for (const auto* name : {"operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"})
        BOOST_TEST(to_string(parse_component_status(name)) == name);
    BOOST_TEST(to_string(parse_component_status("")) == "unknown");
    BOOST_TEST(to_string(status_indicator::maintenance) == "maintenance");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(chat)

BOOST_AUTO_TEST_CASE(fixture_success)
{
    const auto c = parse_chat_completion(openrouter_fixture("chat_ok.json"));
    BOOST_TEST_REQUIRE(c.ok(), c.error.text());
    BOOST_TEST(c->id == "gen-1747000000-AbCdEfGhIjKlMnOp");
    BOOST_TEST(c->model == "openai/gpt-4o-mini");
    BOOST_TEST(c->provider.value() == "OpenAI");
    BOOST_TEST(c->first_content().value() == "pong");
    BOOST_TEST(c->choices[0].finish_reason.value() == "stop");
    BOOST_TEST(c->usage->prompt_tokens == 8);
    BOOST_TEST(c->usage->total_tokens == 10);
    BOOST_TEST(c->usage->cost.value() == 0.0000024);
    BOOST_TEST(!c->error.has_value());
}

BOOST_AUTO_TEST_CASE(null_content_and_error_inside_a_200)
{
    const auto c = parse_chat_completion(
        R"({"id":"gen-1","model":"a/b","choices":[{"index":0,"finish_reason":"error",
            "message":{"role":"assistant","content":null},
            "error":{"code":502,"message":"Provider returned error","metadata":{"error_type":"provider_unavailable"}}}]})");
    BOOST_TEST_REQUIRE(c.ok(), c.error.text());
    BOOST_TEST(!c->first_content().has_value());
    BOOST_TEST(c->choices[0].error->code.value() == 502);
    BOOST_TEST(c->choices[0].error->error_type.value() == "provider_unavailable");
    BOOST_TEST(!c->usage.has_value());
}

BOOST_AUTO_TEST_CASE(probe_body)
{
    const auto body = chat_probe_body("openai/gpt-4o-mini", "say \"pong\"", 16);
    BOOST_TEST(body ==
               R"({"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"say \"pong\""}],"max_tokens":16})");
    BOOST_TEST(parse_chat_completion(R"({"id":"x","choices":{}})").error.text() ==
               "choices: expected an array, got an object");
}

BOOST_AUTO_TEST_SUITE_END()
