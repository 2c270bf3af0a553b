// What the client tells an exchange observer (-vv): one record per exchange, redirects
// apart, failures and refusals included, sizes as they went over the wire, and URLs that
// never carry a credential.
#define BOOST_TEST_MODULE net_exchange_record
#include <boost/test/unit_test.hpp>

#include "net/client.hpp"
#include "support/loopback_server.hpp"

#include <boost/algorithm/string/predicate.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace asio = boost::asio;
using ngd::net::exchange_record;
using ngd::test::http_answer;
using ngd::test::loopback_server;
using ngd::test::recorded_request;

namespace {

const std::string fake_key = "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";

/// Fetches `req` with an observer set; returns what it was told, in order.
std::vector<exchange_record> records_of(ngd::net::request req, ngd::net::outcome* result = nullptr)
{
    std::vector<exchange_record> records;
    ngd::net::client_options options;
    options.timeout = std::chrono::milliseconds(2000);
    options.on_exchange = [&records](const exchange_record& r) { records.push_back(r); };
    asio::io_context io;
    ngd::net::client client(io.get_executor(), std::move(options));
    auto outcome = ngd::test::run_to_completion(io, client.fetch(std::move(req)));
    if (result) *result = std::move(outcome);
    return records;
}

std::optional<std::string> header_of(const ngd::net::header_list& headers, std::string_view name)
{
    for (const auto& [n, v] : headers)
        if (boost::algorithm::iequals(n, name)) return v;
    return std::nullopt;
}

ngd::net::http_url parsed(std::string_view text)
{
    std::string error;
    auto url = ngd::net::parse_http_url(text, error);
    BOOST_TEST_REQUIRE(url.has_value(), error);
    return *url;
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_answered_exchange_records_status_headers_time_and_sizes)
{
    const std::string answer = http_answer(200, R"({"data":[]})", {{"Content-Type", "application/json"}});
    loopback_server server([&](const recorded_request&) { return answer; });
    ngd::net::request req;
    req.url = server.url("127.0.0.1", "/api/v1/key");
    req.bearer = fake_key;
    ngd::net::outcome result;
    const auto records = records_of(req, &result);
    BOOST_TEST_REQUIRE(result.ok(), result.fail.message);
    BOOST_TEST_REQUIRE(records.size() == 1u);
    const auto& r = records[0];
    BOOST_TEST(r.answered);
    BOOST_TEST(r.method == "GET");
    BOOST_TEST(r.url == server.url("127.0.0.1", "/api/v1/key"));
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.reason == "OK");
    BOOST_TEST(r.bytes_received == answer.size());
    // What went out: the request line, each header as recorded, the blank line.
    std::size_t request_size = std::string("GET /api/v1/key HTTP/1.1\r\n\r\n").size();
    for (const auto& [name, value] : r.request_headers) request_size += name.size() + 2 + value.size() + 2;
    BOOST_TEST(r.bytes_sent == request_size);
    BOOST_TEST(r.elapsed.count() >= 0);
    BOOST_TEST(header_of(r.request_headers, "Authorization").value_or("") == "Bearer " + fake_key);
    BOOST_TEST(header_of(r.response_headers, "Content-Type").value_or("") == "application/json");
}

BOOST_AUTO_TEST_CASE(each_redirect_hop_is_an_exchange_and_the_key_stays_with_its_host)
{
    loopback_server other([](const recorded_request&) { return http_answer(200, "elsewhere"); });
    const std::string target = other.url("127.0.0.1", "/landing");
    loopback_server first([&](const recorded_request&) { return http_answer(302, "", {{"Location", target}}); });
    ngd::net::request req;
    req.url = first.url("localhost", "/start");
    req.bearer = fake_key;
    const auto records = records_of(req);
    BOOST_TEST_REQUIRE(records.size() == 2u);
    BOOST_TEST(records[0].status == 302);
    BOOST_TEST(records[0].url == first.url("localhost", "/start"));
    BOOST_TEST(header_of(records[0].response_headers, "Location").value_or("") == target);
    BOOST_TEST(header_of(records[0].request_headers, "Authorization").has_value());
    BOOST_TEST(records[1].status == 200);
    BOOST_TEST(records[1].url == target);
    BOOST_TEST(!header_of(records[1].request_headers, "Authorization"));
}

BOOST_AUTO_TEST_CASE(a_refused_connection_is_an_exchange_with_its_error)
{
    // Bound but not listening: the port is held, so connecting to it is refused.
    asio::io_context io;
    asio::ip::tcp::socket held(io);
    held.open(asio::ip::tcp::v4());
    held.bind({asio::ip::make_address("127.0.0.1"), 0});
    const auto port = held.local_endpoint().port();

    ngd::net::request req;
    req.url = "http://127.0.0.1:" + std::to_string(port) + "/api/v1/models";
    ngd::net::outcome result;
    const auto records = records_of(req, &result);
    BOOST_TEST_REQUIRE(!result.ok());
    BOOST_TEST_REQUIRE(records.size() == 1u);
    BOOST_TEST(!records[0].answered);
    BOOST_TEST(records[0].status == 0);
    BOOST_TEST(records[0].fail.stage == "connect");
    BOOST_TEST(records[0].fail.message == result.fail.message);
    BOOST_TEST(records[0].bytes_sent == 0u);
    BOOST_TEST(records[0].response_headers.empty());
}

BOOST_AUTO_TEST_CASE(a_request_the_policy_refuses_is_recorded_as_not_sent)
{
    ngd::net::request req;
    req.url = "http://api.example.com/v1/models";
    req.bearer = fake_key;
    ngd::net::outcome result;
    const auto records = records_of(req, &result);
    BOOST_TEST_REQUIRE(!result.ok());
    BOOST_TEST_REQUIRE(records.size() == 1u);
    BOOST_TEST(records[0].fail.stage == "policy");
    BOOST_TEST(records[0].url == "http://api.example.com/v1/models");
    BOOST_TEST(records[0].request_headers.empty());
}

BOOST_AUTO_TEST_CASE(a_traced_url_has_no_userinfo_and_no_credential_in_its_query)
{
    BOOST_TEST(ngd::net::url_for_trace(parsed("https://user:" + fake_key + "@openrouter.ai/api/v1/key")) ==
               "https://openrouter.ai/api/v1/key");
    BOOST_TEST(ngd::net::url_for_trace(parsed("https://openrouter.ai:8443/a?offset=2&api_key=" + fake_key +
                                              "&Access_Token=abc&order=asc")) ==
               "https://openrouter.ai:8443/a?offset=2&api_key=[REDACTED]&Access_Token=[REDACTED]&order=asc");
    BOOST_TEST(ngd::net::url_for_trace(parsed("http://[::1]:8080/x?q")) == "http://[::1]:8080/x?q");
    BOOST_TEST(ngd::net::url_for_trace(parsed("https://openrouter.ai")) == "https://openrouter.ai/");
}
