#define BOOST_TEST_MODULE openrouter_text
#include <boost/test/unit_test.hpp>

#include "openrouter/api.hpp"
#include "openrouter/curl.hpp"
#include "openrouter/key_mask.hpp"
#include "openrouter/rate_limit.hpp"
#include "openrouter/url.hpp"

#include <chrono>

using namespace ngd::openrouter;

namespace {

const std::string fake_key = "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";

}  // namespace

BOOST_AUTO_TEST_SUITE(urls)

BOOST_AUTO_TEST_CASE(join_never_doubles_or_drops_a_slash)
{
    for (const auto* base : {"https://openrouter.ai/api/v1", "https://openrouter.ai/api/v1/", "https://openrouter.ai/api/v1//"})
        for (const auto* path : {"key", "/key", "//key"})
            BOOST_TEST(join_url(base, path) == "https://openrouter.ai/api/v1/key");
    BOOST_TEST(join_url("https://status.openai.com", "api/v2/status.json") ==
               "https://status.openai.com/api/v2/status.json");
    BOOST_TEST(join_url("http://127.0.0.1:8080/", "models/user") == "http://127.0.0.1:8080/models/user");
}

BOOST_AUTO_TEST_CASE(model_ids_split_and_keep_variants)
{
    const auto free = split_model_id("meta-llama/llama-3.3-70b-instruct:free");
    BOOST_TEST_REQUIRE(free.has_value());
    BOOST_TEST(free->author == "meta-llama");
    BOOST_TEST(free->slug == "llama-3.3-70b-instruct:free");
    BOOST_TEST(model_path(*free) == "meta-llama/llama-3.3-70b-instruct:free");
    BOOST_TEST(!split_model_id("gpt-4o").has_value());
    BOOST_TEST(!split_model_id("/gpt-4o").has_value());
    BOOST_TEST(!split_model_id("openai/").has_value());
    BOOST_TEST(!split_model_id("").has_value());
    const auto alias = split_model_id("~anthropic/claude-sonnet-latest");
    BOOST_TEST(model_path(*alias) == "~anthropic/claude-sonnet-latest");
    BOOST_TEST(model_path({"a b", "c?d#e"}) == "a%20b/c%3Fd%23e");
    BOOST_TEST(model_path({"x", "y/z"}) == "x/y/z");
}

BOOST_AUTO_TEST_CASE(requests_go_where_expected)
{
    BOOST_TEST(make_get("https://openrouter.ai/api/v1/", "models", "").url == "https://openrouter.ai/api/v1/models");
    BOOST_TEST(!make_get("https://openrouter.ai/api/v1/", "models", "").bearer.has_value());
    BOOST_TEST(make_get("https://openrouter.ai/api/v1", "key", fake_key).bearer.value() == fake_key);
    const auto probe = make_chat_probe("https://openrouter.ai/api/v1/", fake_key, "openai/gpt-4o-mini");
    BOOST_TEST(probe.method == "POST");
    BOOST_TEST(probe.url == "https://openrouter.ai/api/v1/chat/completions");
    BOOST_TEST(probe.body.find("\"max_tokens\":16") != std::string::npos);
    BOOST_TEST(probe.body.find("\"model\":\"openai/gpt-4o-mini\"") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(curl)

BOOST_AUTO_TEST_CASE(get_with_key_uses_the_variable)
{
    const auto line = curl_line(make_get("https://openrouter.ai/api/v1/", "key", fake_key));
    BOOST_TEST(line == R"(curl https://openrouter.ai/api/v1/key -H "Authorization: Bearer $OPENROUTER_API_KEY")");
    BOOST_TEST(line.find(fake_key) == std::string::npos);
    BOOST_TEST(line.find("0e6f44") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(get_without_key)
{
    BOOST_TEST(curl_line(make_get("https://status.openai.com", "api/v2/status.json", "")) ==
               "curl https://status.openai.com/api/v2/status.json");
}

BOOST_AUTO_TEST_CASE(post_probe)
{
    const auto line = curl_line(make_chat_probe("https://openrouter.ai/api/v1", fake_key, "openai/gpt-4o-mini"));
    BOOST_TEST(line == R"(curl https://openrouter.ai/api/v1/chat/completions -H "Authorization: Bearer $OPENROUTER_API_KEY" -H "Content-Type: application/json" -d '{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"Reply with the single word: pong"}],"max_tokens":16}')");
    BOOST_TEST(line.find(fake_key) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(quoting_and_stray_keys)
{
    ngd::net::request req;
    req.method = "DELETE";
    req.url = "https://x.test/a?b=1&c=" + fake_key;
    req.bearer = fake_key;
    req.headers.emplace_back("Authorization", "Bearer " + fake_key);
    req.headers.emplace_back("X-Note", "it's $HOME");
    const auto line = curl_line(req, "MY_KEY");
    BOOST_TEST(line.find(fake_key) == std::string::npos);
    BOOST_TEST(line.starts_with("curl -X DELETE 'https://x.test/a?b=1&c=sk-or-v1-0e6...c96'"));
    BOOST_TEST(line.find(R"(-H "Authorization: Bearer $MY_KEY")") != std::string::npos);
    BOOST_TEST(line.find(R"(-H 'X-Note: it'\''s $HOME')") != std::string::npos);
    BOOST_TEST(shell_quote("plain/path:1") == "plain/path:1");
    BOOST_TEST(shell_quote("") == "''");
    BOOST_TEST(shell_quote("a b") == "'a b'");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(masking)

BOOST_AUTO_TEST_CASE(like_openrouter_label)
{
    BOOST_TEST(mask_key(fake_key) == "sk-or-v1-0e6...c96");
    BOOST_TEST(mask_key("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") ==
               "sk-or-v1-d35...55d");
    BOOST_TEST(mask_key("") == "");
}

BOOST_AUTO_TEST_CASE(never_whole_never_more_than_fifteen)
{
    const std::string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_abcdefghijklmnopqrstuvwxyz";
    for (std::size_t n = 1; n <= alphabet.size(); ++n) {
        const auto key = alphabet.substr(0, n);
        const auto masked = mask_key(key);
        const auto dots = masked.find("...");
        BOOST_TEST_REQUIRE(dots != std::string::npos, n);
        const auto shown = masked.size() - 3;
        BOOST_TEST(shown <= 15u, n);
        BOOST_TEST(shown < n, n);
        BOOST_TEST(shown <= n / 2, n);
        BOOST_TEST(key.starts_with(masked.substr(0, dots)), n);
        BOOST_TEST(key.ends_with(masked.substr(dots + 3)), n);
    }
    BOOST_TEST(mask_key("abcd") == "ab...");
    BOOST_TEST(mask_key("x") == "...");
}

BOOST_AUTO_TEST_CASE(control_characters_never_printed)
{
    BOOST_TEST(mask_key("sk-or-v1\n0e6f44a47a05f1dad2ad7e88c4c1d6b7768815") == "sk-or-v1?0e6...815");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(limits)

BOOST_AUTO_TEST_CASE(rate_limit_headers_case_insensitive)
{
    const auto h = read_rate_limit_headers(
        {{"x-ratelimit-limit", "50"}, {"X-RATELIMIT-REMAINING", " 0 "}, {"X-RateLimit-Reset", "1788220800000"}});
    BOOST_TEST(h.limit.value() == 50);
    BOOST_TEST(h.remaining.value() == 0);
    BOOST_TEST(h.reset_ms.value() == 1788220800000);
    BOOST_TEST(h.reset_time()->time_since_epoch().count() > 0);
    const auto bad = read_rate_limit_headers({{"X-RateLimit-Limit", "lots"}, {"X-RateLimit-Reset", "99999999999999999999999"}});
    BOOST_TEST(bad.empty());
    BOOST_TEST(read_rate_limit_headers({}).empty());
    BOOST_TEST(!parse_header_integer("-5").has_value());
    BOOST_TEST(!parse_header_integer("").has_value());
    BOOST_TEST(!parse_header_integer("12abc").has_value());
}

BOOST_AUTO_TEST_CASE(retry_after_seconds_and_dates)
{
    using namespace std::chrono;
    const auto secs = parse_retry_after("120");
    BOOST_TEST(secs->delay.value().count() == 120);
    BOOST_TEST(secs->wait_from(system_clock::now()).count() == 120);

    const auto expected = sys_days(year(1994) / November / day(6)) + hours(8) + minutes(49) + seconds(37);
    for (const auto* form : {"Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"}) {
        const auto at = parse_http_date(form);
        BOOST_TEST_REQUIRE(at.has_value(), form);
        BOOST_TEST((*at == expected), form);
    }
    const auto date = parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT");
    const auto at = sys_days(year(2026) / October / day(21)) + hours(7) + minutes(28);
    BOOST_TEST(date->wait_from(at - seconds(90)).count() == 90);
    BOOST_TEST(date->wait_from(at + seconds(5)).count() == 0);

    for (const auto* bad : {"", "soon", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
                            "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 PST", "-1", "1.5",
                            "Sun, 29 Feb 2026 08:49:37 GMT"})
        BOOST_TEST(!parse_retry_after(bad).has_value(), bad);
}

// Found by fuzzing: times beyond the clock's range (1678-2262 in nanoseconds) used to overflow,
// a far-future time wrapping into the past.
BOOST_AUTO_TEST_CASE(times_beyond_the_clock_clamp_instead_of_wrapping)
{
    using namespace std::chrono;
    const auto now = system_clock::now();
    const auto far = read_rate_limit_headers({{"X-RateLimit-Reset", "9223372036854775807"}});
    BOOST_TEST_REQUIRE(far.reset_time().has_value());
    BOOST_TEST((*far.reset_time() == system_clock::time_point::max()));
    BOOST_TEST((*far.reset_time() > now));

    // RFC 9110's dates have four-digit years; a longer one is not a date.
    BOOST_TEST(!parse_retry_after("Sun, 06 Nov 99999 08:49:37 GMT").has_value());
    const auto year_1200 = parse_http_date("Sun Nov  6 08:49:37 1200");
    BOOST_TEST_REQUIRE(year_1200.has_value());
    BOOST_TEST((*year_1200 == system_clock::time_point::min()));
    const auto year_3000 = parse_retry_after("Sun, 06 Nov 3000 08:49:37 GMT");
    BOOST_TEST_REQUIRE(year_3000.has_value());
    BOOST_TEST(year_3000->wait_from(now).count() > 0);
    const auto year_9999 = parse_http_date("Fri, 31 Dec 9999 23:59:59 GMT");
    BOOST_TEST_REQUIRE(year_9999.has_value());
    BOOST_TEST((*year_9999 == system_clock::time_point::max()));
}

BOOST_AUTO_TEST_SUITE_END()
