// The -vv trace of one exchange: curl -v's layout, and nothing secret or raw in it.
#define BOOST_TEST_MODULE report_exchange_trace
#include <boost/test/unit_test.hpp>

#include "openrouter/key_mask.hpp"
#include "report/exchange_trace.hpp"

#include <sstream>

using namespace ngd;

namespace {

const std::string key = "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";

net::exchange_record answered_key_request()
{
    net::exchange_record r;
    r.method = "GET";
    r.url = "https://openrouter.ai/api/v1/key";
    r.answered = true;
    r.status = 200;
    r.reason = "OK";
    r.elapsed = std::chrono::milliseconds(312);
    r.bytes_sent = 174;
    r.bytes_received = 1234;
    r.request_headers = {
        {"Host", "openrouter.ai"}, {"User-Agent", "ngdoctor/0.1.0"}, {"Authorization", "Bearer " + key}};
    r.response_headers = {{"Content-Type", "application/json"}, {"Content-Length", "1100"}};
    return r;
}

std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

bool has(const std::string& text, std::string_view part)
{
    return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_exchange_prints_like_curl_verbose_with_the_key_masked)
{
    const auto text = report::render_exchange(answered_key_request(), {key});
    const std::vector<std::string> expected{
        "> GET https://openrouter.ai/api/v1/key",
        "> Host: openrouter.ai",
        "> User-Agent: ngdoctor/0.1.0",
        "> Authorization: Bearer " + openrouter::mask_key(key),
        "< 200 OK (312 ms, 174 B sent, 1.2 kB received)",
        "< Content-Type: application/json",
        "< Content-Length: 1100",
    };
    BOOST_TEST(lines_of(text) == expected, boost::test_tools::per_element());
    BOOST_TEST(!has(text, key));
    BOOST_TEST(!has(text, key.substr(9)));
    BOOST_TEST(text.back() == '\n');
}

BOOST_AUTO_TEST_CASE(a_bearer_token_is_masked_by_the_header_name_alone)
{
    // Neither configured nor shaped like any key: only the header's name says it is secret.
    const std::string token = "gw7Qp2Lx9Rt4Vm8Zs1Kd6Hn3Bc5Yf0Ja";
    auto r = answered_key_request();
    r.request_headers = {{"authorization", "bearer " + token}};
    const auto text = report::render_exchange(r, {});
    BOOST_TEST(!has(text, token), text);
    BOOST_TEST(has(text, "> authorization: bearer " + openrouter::mask_key(token)), text);
    BOOST_TEST(openrouter::mask_key(token).size() < token.size());
}

BOOST_AUTO_TEST_CASE(credential_headers_are_redacted_by_name)
{
    BOOST_TEST(report::shown_header_value("authorization", "Basic dXNlcjpwYXNzd29yZA==") == "Basic [REDACTED]");
    BOOST_TEST(report::shown_header_value("Proxy-Authorization", "Basic dXNlcjpwYXNz") == "Basic [REDACTED]");
    BOOST_TEST(report::shown_header_value("Authorization", "opaque") == "[REDACTED]");
    BOOST_TEST(report::shown_header_value("X-Api-Key", "abc123abc123") == "[REDACTED]");
    BOOST_TEST(report::shown_header_value("api-key", "abc123abc123") == "[REDACTED]");
    BOOST_TEST(report::shown_header_value("X-Amz-Security-Token", "FQoGZXIvYXdz") == "[REDACTED]");
    BOOST_TEST(report::shown_header_value("Cookie", "session=abc; theme=dark") ==
               "session=[REDACTED]; theme=[REDACTED]");
    BOOST_TEST(report::shown_header_value("Set-Cookie", "__cf_bm=xyz; Path=/; HttpOnly") ==
               "__cf_bm=[REDACTED]; Path=/; HttpOnly");
    // Counts and ids that only look alike stay, so the trace still helps.
    BOOST_TEST(report::shown_header_value("x-ratelimit-remaining-tokens", "149000") == "149000");
    BOOST_TEST(report::shown_header_value("Keep-Alive", "timeout=5") == "timeout=5");
    BOOST_TEST(report::shown_header_value("X-Request-Id", "req_01h2") == "req_01h2");
}

BOOST_AUTO_TEST_CASE(key_shaped_values_in_any_header_are_masked)
{
    auto r = answered_key_request();
    const std::string openai_key = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z";
    const std::string jwt =
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    const std::string configured = "my-own-gateway-secret-1";
    r.response_headers = {{"X-Echo", "Bearer " + key},
                          {"X-Debug", "upstream said " + openai_key},
                          {"X-Forwarded-Auth", jwt},
                          {"X-Note", "gateway " + configured}};
    const auto text = report::render_exchange(r, {key, configured});
    for (const auto& secret : {key, openai_key, jwt, configured}) BOOST_TEST(!has(text, secret), text);
    BOOST_TEST(has(text, "< X-Echo: Bearer " + openrouter::mask_key(key)), text);
    BOOST_TEST(has(text, "< X-Debug: upstream said sk-proj-"), text);
    BOOST_TEST(has(text, "< X-Note: gateway " + openrouter::mask_key(configured)), text);
}

BOOST_AUTO_TEST_CASE(server_bytes_reach_the_terminal_as_plain_text)
{
    auto r = answered_key_request();
    r.reason = "OK\x1b]0;owned\x07";
    r.response_headers = {{"X-Evil", "red\x1b[31mtext\nsecond line\r\n> GET https://fake"}};
    const auto text = report::render_exchange(r, {});
    BOOST_TEST(!has(text, "\x1b"));
    BOOST_TEST(!has(text, "\x07"));
    BOOST_TEST(!has(text, "\r"));
    // Six lines, as the record has, whatever the server sent: no line of its own making.
    BOOST_TEST(lines_of(text).size() == 6u, text);
    BOOST_TEST(has(text, "< X-Evil: red\\x1b[31mtext\\nsecond line\\n> GET https://fake"), text);
}

BOOST_AUTO_TEST_CASE(a_transport_failure_shows_its_stage_and_message_instead_of_a_status)
{
    net::exchange_record r;
    r.method = "GET";
    r.url = "https://openrouter.ai/api/v1/models";
    r.elapsed = std::chrono::milliseconds(15);
    r.request_headers = {{"Host", "openrouter.ai"}};
    r.fail = {net::error_class::connect,
              "connect",
              "cannot connect to openrouter.ai:443 (connecting to 127.0.0.1:1): Connection refused",
              {}};
    const auto lines = lines_of(report::render_exchange(r, {}));
    BOOST_TEST_REQUIRE(lines.size() == 3u);
    BOOST_TEST(lines[0] == "> GET https://openrouter.ai/api/v1/models");
    BOOST_TEST(lines[2] ==
               "* connect failed, no answer (15 ms): cannot connect to openrouter.ai:443 "
               "(connecting to 127.0.0.1:1): Connection refused");

    r.bytes_sent = 80;
    r.bytes_received = 12;
    r.fail = {net::error_class::bad_response, "read", "response from openrouter.ai:443 was cut off", {}};
    BOOST_TEST(
        lines_of(report::render_exchange(r, {})).back() ==
        "* read failed, no answer (15 ms, 80 B sent, 12 B received): response from openrouter.ai:443 was cut off");
}

BOOST_AUTO_TEST_CASE(a_request_the_client_refused_to_send_says_so)
{
    net::exchange_record r;
    r.method = "GET";
    r.url = "http://api.example.com/v1/models";
    r.fail = {
        net::error_class::config, "policy", "refusing to send the API key over plain HTTP to api.example.com:80", {}};
    const auto lines = lines_of(report::render_exchange(r, {}));
    BOOST_TEST_REQUIRE(lines.size() == 2u);
    BOOST_TEST(lines[1] == "* not sent (policy): refusing to send the API key over plain HTTP to api.example.com:80");
}

BOOST_AUTO_TEST_CASE(sizes_read_as_curl_counts_them)
{
    BOOST_TEST(report::describe_bytes(0) == "0 B");
    BOOST_TEST(report::describe_bytes(999) == "999 B");
    BOOST_TEST(report::describe_bytes(1234) == "1.2 kB");
    BOOST_TEST(report::describe_bytes(342492) == "342.5 kB");
    BOOST_TEST(report::describe_bytes(999999) == "1.0 MB");
    BOOST_TEST(report::describe_bytes(16u * 1024u * 1024u) == "16.8 MB");
}

BOOST_AUTO_TEST_CASE(a_resumed_tls_session_is_said_before_the_request_as_curl_does)
{
    auto r = answered_key_request();
    BOOST_TEST(!has(report::render_exchange(r, {key}), "TLS session"));
    r.tls_resumed = true;
    const auto lines = lines_of(report::render_exchange(r, {key}));
    BOOST_TEST_REQUIRE(lines.size() > 1u);
    BOOST_TEST(lines[0] == "* TLS session resumed");
    BOOST_TEST(lines[1] == "> GET https://openrouter.ai/api/v1/key");
}
