#define BOOST_TEST_MODULE openrouter_hostile
#include <boost/test/unit_test.hpp>

#include "openrouter/chat.hpp"
#include "openrouter/credits.hpp"
#include "openrouter/endpoints.hpp"
#include "openrouter/error_envelope.hpp"
#include "openrouter/key_info.hpp"
#include "openrouter/model.hpp"
#include "openrouter/providers.hpp"
#include "openrouter/statuspage.hpp"
#include "openrouter_test_fixtures.hpp"

#include <boost/json.hpp>

#include <functional>
#include <random>

using namespace ngd::openrouter;
using ngd::test::openrouter_fixture;
namespace json = boost::json;

namespace {

/// Runs one parser and reports only whether it succeeded and the error it named.
using any_parser = std::function<std::pair<bool, parse_error>(std::string_view)>;

template <class T>
any_parser wrap(parse_result<T> (*parse)(std::string_view))
{
    return [parse](std::string_view body) {
        auto r = parse(body);
        return std::make_pair(r.ok(), r.error);
    };
}

struct sample {
    std::string name;
    std::string body;
    any_parser parse;
};

const std::string status_body = R"({"page":{"id":"p","name":"P","url":"https://status.example"},
    "status":{"indicator":"minor","description":"Partially Degraded Service"}})";
const std::string summary_body = R"({"page":{"id":"p","name":"P","url":"u"},"status":{"indicator":"none","description":"d"},
    "components":[{"id":"c","name":"API","status":"operational","group":false,"only_show_if_degraded":true}],
    "incidents":[{"id":"i","name":"Errors","status":"resolved","impact":"minor"}]})";
const std::string providers_body =
    R"({"data":[{"name":"OpenAI","slug":"openai","privacy_policy_url":"p","status_page_url":"https://status.openai.com"}]})";

std::vector<sample> samples()
{
    std::vector<sample> out = {
        {"key_ok.json", openrouter_fixture("key_ok.json"), wrap(parse_key_info)},
        {"credits_ok.json", openrouter_fixture("credits_ok.json"), wrap(parse_credits)},
        {"models_ok.json", openrouter_fixture("models_ok.json"), wrap(parse_model_list)},
        {"endpoints_ok.json", openrouter_fixture("endpoints_ok.json"), wrap(parse_endpoint_list)},
        {"chat_ok.json", openrouter_fixture("chat_ok.json"), wrap(parse_chat_completion)},
        {"status", status_body, wrap(parse_statuspage_status)},
        {"summary", summary_body, wrap(parse_statuspage_summary)},
        {"providers", providers_body, wrap(parse_provider_list)},
    };
    for (const auto* error : {"err_400_ctx.json", "err_400_model.json", "err_401.json", "err_402.json",
                              "err_403_mgmt.json", "err_429_free.json"})
        out.push_back({error, openrouter_fixture(error), wrap(parse_error_envelope)});
    return out;
}

std::vector<any_parser> all_parsers()
{
    return {wrap(parse_key_info),       wrap(parse_credits),           wrap(parse_model_list),
            wrap(parse_single_model),   wrap(parse_endpoint_list),     wrap(parse_provider_list),
            wrap(parse_error_envelope), wrap(parse_statuspage_status), wrap(parse_statuspage_summary),
            wrap(parse_chat_completion)};
}

// Every value in the document with its path in the parsers' spelling ("data[0].pricing.prompt").
void collect_paths(json::value& v, const std::string& path, std::vector<std::pair<std::string, json::value*>>& out)
{
    out.emplace_back(path, &v);
    if (v.is_object())
        for (auto& [key, child] : v.get_object())
            collect_paths(child, path.empty() ? std::string(key) : path + "." + std::string(key), out);
    else if (v.is_array())
        for (std::size_t i = 0; i < v.get_array().size(); ++i)
            collect_paths(v.get_array()[i], path + "[" + std::to_string(i) + "]", out);
}

std::vector<json::value> wrong_values()
{
    return {nullptr, true, "text", 1.5, -1, 1e300, json::array{}, json::object{},
            json::value(std::uint64_t(18446744073709551615ull)), json::array{1, "x", nullptr}};
}

void require_named_error(const sample& s, const std::string& body, const std::string& what)
{
    const auto [ok, error] = s.parse(body);
    if (!ok) BOOST_TEST(!error.message.empty(), s.name << " " << what);
}

}  // namespace

BOOST_AUTO_TEST_CASE(fixtures_parse_before_they_are_broken)
{
    for (const auto& s : samples()) {
        const auto [ok, error] = s.parse(s.body);
        BOOST_TEST(ok, s.name << ": " << error.text());
    }
}

BOOST_AUTO_TEST_CASE(wrong_type_anywhere_names_that_place)
{
    std::size_t mutations = 0, rejected = 0;
    for (const auto& s : samples()) {
        const json::value original = json::parse(s.body);
        std::vector<std::pair<std::string, json::value*>> probe_paths;
        json::value probe = original;
        collect_paths(probe, "", probe_paths);
        for (std::size_t p = 0; p < probe_paths.size(); ++p) {
            for (const auto& wrong : wrong_values()) {
                json::value doc = original;
                std::vector<std::pair<std::string, json::value*>> paths;
                collect_paths(doc, "", paths);
                *paths[p].second = wrong;
                const auto body = json::serialize(doc);
                const auto [ok, error] = s.parse(body);
                ++mutations;
                if (ok) continue;
                ++rejected;
                // The error is at the changed value or inside what replaced it.
                BOOST_TEST(error.path.starts_with(paths[p].first),
                           s.name << ": changed " << paths[p].first << " to " << json::serialize(wrong)
                                  << ", error at " << error.text());
                BOOST_TEST(!error.message.empty());
            }
        }
    }
    BOOST_TEST_MESSAGE(mutations << " mutations, " << rejected << " rejected with a named path");
    BOOST_TEST(rejected > 100u);
}

BOOST_AUTO_TEST_CASE(every_truncation_is_an_error_not_a_crash)
{
    for (const auto& s : samples())
        for (std::size_t n = 0; n < s.body.size(); ++n) {
            const auto [ok, error] = s.parse(std::string_view(s.body).substr(0, n));
            // A prefix may end right after the closing brace plus trailing whitespace only at the end.
            if (!ok) BOOST_TEST(!error.message.empty());
            else BOOST_TEST(s.body.substr(n).find_first_not_of(" \t\r\n") == std::string::npos);
        }
}

BOOST_AUTO_TEST_CASE(deep_nesting)
{
    const std::string deep = std::string(200000, '[') + std::string(200000, ']');
    const std::string deep_objects = [] {
        std::string s;
        for (int i = 0; i < 100000; ++i) s += "{\"a\":";
        s += "1";
        s += std::string(100000, '}');
        return s;
    }();
    const std::string deep_in_field = R"({"data":{"label":)" + std::string(5000, '[') + std::string(5000, ']') + "}}";
    for (const auto& parse : all_parsers()) {
        for (const auto* body : {&deep, &deep_objects, &deep_in_field}) {
            const auto [ok, error] = parse(*body);
            BOOST_TEST(!ok);
            BOOST_TEST(error.text().find("not valid JSON") != std::string::npos, error.text());
        }
    }
    // Moderate nesting in a field nobody reads is fine.
    const auto k = parse_key_info(R"({"data":{"label":"x","usage":0,"extra":)" + std::string(40, '[') +
                                  std::string(40, ']') + "}}");
    BOOST_TEST(k.ok(), k.error.text());
}

BOOST_AUTO_TEST_CASE(huge_numbers)
{
    const auto big_int = parse_key_info(R"({"data":{"label":"x","usage":123456789012345678901234567890}})");
    BOOST_TEST(big_int.ok(), big_int.error.text());  // a huge usage is still a number
    const auto inf = parse_key_info(R"({"data":{"label":"x","usage":1e999}})");
    if (!inf.ok()) BOOST_TEST(!inf.error.text().empty());
    const auto count = parse_endpoint_list(
        R"({"data":{"id":"a/b","endpoints":[{"provider_name":"P","context_length":99999999999999999999}]}})");
    BOOST_TEST(count.error.text() == "data.endpoints[0].context_length: expected an integer or null, got a number out of range");
    const auto quota = parse_key_info(
        R"({"data":{"label":"x","usage":0,"free_model_daily_requests":{"limit":1e300,"remaining":0,"used":0}}})");
    BOOST_TEST(quota.error.text() == "data.free_model_daily_requests.limit: expected an integer, got a number out of range");
    const auto negative = parse_key_info(
        R"({"data":{"label":"x","usage":-1e308,"free_model_daily_requests":{"limit":-9223372036854775808,"remaining":0,"used":0}}})");
    BOOST_TEST(negative.ok(), negative.error.text());
}

// 700,000 tiny models in 14 MB: refused by their number, not read into most of a gigabyte.
BOOST_AUTO_TEST_CASE(a_catalog_of_hundreds_of_thousands_of_models_is_refused)
{
    const auto catalog_of = [](std::size_t n) {
        std::string body = R"({"data":[)";
        for (std::size_t i = 0; i < n; ++i) body += (i ? "," : "") + std::string(R"({"id":"a/)") + std::to_string(i) + "\"}";
        return body + "]}";
    };
    const auto huge = parse_model_list(catalog_of(700000));
    BOOST_TEST(!huge.ok());
    BOOST_TEST(huge.error.text() == "data: the catalog lists 700000 models, more than the 50000 ngdoctor reads");
    const auto at_limit = parse_model_list(catalog_of(max_catalog_models));
    BOOST_TEST(at_limit.error.text().find("more than the") == std::string::npos, at_limit.error.text());
}

BOOST_AUTO_TEST_CASE(not_json_at_all)
{
    const std::vector<std::string> bodies = {
        "",
        "   \r\n\t ",
        "<!DOCTYPE html><html><body>404</body></html>",
        "  <html lang=\"en\"><head><title>Just a moment...</title></head></html>",
        "<HTML>",
        "Internal Server Error",
        "null",
        "[]",
        "\"data\"",
        "42",
        "{\"data\":{\"label\":\"\xff\xfe\",\"usage\":0}}",
        "{\"data\":{\"label\":\"\xc0\xaf\",\"usage\":0}}",
        "{\"data\":{\"label\":\"\\ud800\",\"usage\":0}}",
        std::string("{\"data\":\0{}}", 12),
        "{\"data\":{}} trailing",
        "{\"data\":{},}",
        "{'data':{}}",
        "\xef\xbb\xbf{\"data\":{}}",
        "{\"data\":{\"label\":\"x\",\"usage\":0,\"usage\":\"dup\"}}",
    };
    for (const auto& parse : all_parsers())
        for (const auto& body : bodies) {
            const auto [ok, error] = parse(body);
            BOOST_TEST(!ok, body);
            BOOST_TEST(!error.text().empty());
        }
    BOOST_TEST(parse_key_info("").error.text() == "top level: empty body, expected JSON");
    BOOST_TEST(parse_key_info("<!DOCTYPE html>").error.text() == "top level: an HTML page, expected JSON");
    BOOST_TEST(parse_key_info("[]").error.text() == "top level: expected an object, got an array");
    BOOST_TEST(parse_key_info("{\"data\":}").error.text().starts_with("top level: not valid JSON ("));
}

BOOST_AUTO_TEST_CASE(random_token_soup)
{
    static const std::vector<std::string> tokens = {
        "{", "}", "[", "]", ",", ":", "\"data\"", "\"error\"", "\"message\"", "\"code\"", "\"label\"", "\"usage\"",
        "\"endpoints\"", "\"pricing\"", "\"prompt\"", "\"choices\"", "\"status\"", "\"page\"", "\"indicator\"",
        "null", "true", "false", "0", "-1", "1e309", "18446744073709551616", "\"x\"", "\"\\u0000\"", "\xff", " "};
    std::mt19937 random(20261122);  // fixed seed: the same soup every run
    std::uniform_int_distribution<std::size_t> pick(0, tokens.size() - 1);
    std::uniform_int_distribution<int> length(1, 60);
    const auto parsers = all_parsers();
    for (int round = 0; round < 3000; ++round) {
        std::string body;
        for (int i = length(random); i > 0; --i) body += tokens[pick(random)];
        for (const auto& parse : parsers) {
            const auto [ok, error] = parse(body);
            if (!ok) BOOST_TEST_REQUIRE(!error.message.empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(mutated_fixtures_byte_by_byte)
{
    // Flip bytes into characters that change JSON structure; each parse must end cleanly.
    const std::string replacements = "\"{}[],:\\\x80 0n";
    for (const auto& s : samples())
        for (std::size_t i = 0; i < s.body.size(); i += 3)
            for (const char c : replacements) {
                std::string body = s.body;
                body[i] = c;
                require_named_error(s, body, "byte " + std::to_string(i));
            }
}
