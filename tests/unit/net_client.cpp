#define BOOST_TEST_MODULE net_client
#include <boost/test/unit_test.hpp>

#include "net/client.hpp"
#include "net/host_slots.hpp"
#include "support/loopback_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace asio = boost::asio;
using ngd::net::error_class;
using ngd::test::http_answer;
using ngd::test::loopback_server;
using ngd::test::recorded_request;
using ngd::test::server_peer;

namespace {

const std::string fake_key = "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";

ngd::net::client_options quick_options()
{
    ngd::net::client_options options;
    options.timeout = std::chrono::milliseconds(500);
    return options;
}

ngd::net::request get(std::string url, bool with_key = false)
{
    ngd::net::request req;
    req.url = std::move(url);
    if (with_key) req.bearer = fake_key;
    return req;
}

ngd::net::outcome fetch_once(ngd::net::request req, ngd::net::client_options options = quick_options())
{
    asio::io_context io;
    ngd::net::client client(io.get_executor(), std::move(options));
    return ngd::test::run_to_completion(io, client.fetch(std::move(req)));
}

// Every failure must say what went wrong without ever quoting the key.
void check_failure(const ngd::net::outcome& result, error_class expected, std::string_view stage = "")
{
    BOOST_TEST_REQUIRE(!result.ok());
    BOOST_TEST(ngd::net::to_string(result.fail.cls) == ngd::net::to_string(expected), result.fail.message);
    if (!stage.empty()) BOOST_TEST(result.fail.stage == stage);
    BOOST_TEST(!result.fail.message.empty());
    BOOST_TEST(result.fail.message.find(fake_key) == std::string::npos);
    BOOST_TEST(result.fail.message.find("sk-or-") == std::string::npos);
}

std::uint16_t unused_port()
{
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
    return acceptor.local_endpoint().port();
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_plain_get_returns_status_headers_and_body)
{
    loopback_server server([](const recorded_request&) {
        return http_answer(200, R"({"data":[]})", {{"Content-Type", "application/json"}});
    });
    const auto result = fetch_once(get(server.url("127.0.0.1", "/api/v1/models?x=1")));
    BOOST_TEST_REQUIRE(result.ok(), result.fail.message);
    BOOST_TEST(result.resp->status == 200);
    BOOST_TEST(result.resp->body == R"({"data":[]})");
    BOOST_TEST(result.resp->is_json());
    BOOST_TEST(result.resp->redirects == 0);
    BOOST_TEST(!result.resp->via_proxy);
    BOOST_TEST(result.resp->final_url == server.url("127.0.0.1", "/api/v1/models?x=1"));
    const auto seen = server.requests();
    BOOST_TEST_REQUIRE(seen.size() == 1u);
    BOOST_TEST(seen[0].method == "GET");
    BOOST_TEST(seen[0].target == "/api/v1/models?x=1");
    BOOST_TEST(seen[0].header("Host").value_or("") == "127.0.0.1:" + std::to_string(server.port()));
    BOOST_TEST(seen[0].header("User-Agent").value_or("") == "ngdoctor");
    BOOST_TEST(!seen[0].header("Authorization"));
}

BOOST_AUTO_TEST_CASE(an_error_status_is_a_response_not_a_failure)
{
    loopback_server server([](const recorded_request&) {
        return http_answer(401, R"({"error":{"code":401,"message":"User not found."}})");
    });
    const auto result = fetch_once(get(server.url(), true));
    BOOST_TEST_REQUIRE(result.ok(), result.fail.message);
    BOOST_TEST(result.resp->status == 401);
}

BOOST_AUTO_TEST_CASE(a_post_sends_its_body_and_headers)
{
    loopback_server server([](const recorded_request& request) { return http_answer(200, request.body); });
    auto req = get(server.url("localhost", "/v1/chat/completions"), true);
    req.method = "POST";
    req.body = R"({"model":"openai/gpt-4o-mini"})";
    req.headers = {{"Content-Type", "application/json"}};
    auto options = quick_options();
    options.user_agent = "ngdoctor/0.1.0";
    const auto result = fetch_once(req, options);
    BOOST_TEST_REQUIRE(result.ok(), result.fail.message);
    BOOST_TEST(result.resp->body == req.body);
    const auto seen = server.requests();
    BOOST_TEST_REQUIRE(seen.size() == 1u);
    BOOST_TEST(seen[0].method == "POST");
    BOOST_TEST(seen[0].header("Content-Type").value_or("") == "application/json");
    BOOST_TEST(seen[0].header("User-Agent").value_or("") == "ngdoctor/0.1.0");
    BOOST_TEST(seen[0].header("Host").value_or("") == "localhost:" + std::to_string(server.port()));
    // Plain HTTP is fine for a key as long as the host is this machine.
    BOOST_TEST(seen[0].header("Authorization").value_or("") == "Bearer " + fake_key);
}

BOOST_AUTO_TEST_CASE(an_unresolvable_host_is_a_dns_failure)
{
    const auto result = fetch_once(get("https://nonexistent.invalid/api/v1/models", true));
    check_failure(result, error_class::dns, "resolve");
    BOOST_TEST(result.fail.message.find("nonexistent.invalid") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_refused_port_is_a_connect_failure)
{
    const auto port = std::to_string(unused_port());
    const auto result = fetch_once(get("http://127.0.0.1:" + port + "/", true));
    check_failure(result, error_class::connect, "connect");
    BOOST_TEST(result.fail.message.find("127.0.0.1:" + port) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_key_is_never_sent_over_plain_http_to_another_machine)
{
    // Nothing listens at this documentation address: only a refusal before connecting
    // can give `config`; an attempt would end as `connect` or `timeout`.
    const auto result = fetch_once(get("http://192.0.2.1:9/api/v1/key", true));
    check_failure(result, error_class::config, "policy");
    BOOST_TEST(result.fail.message.find("192.0.2.1:9") != std::string::npos);
}

// Decided by the address connected to, not by the name: a loopback name that --connect-to
// sends to another machine does not get the key.
BOOST_AUTO_TEST_CASE(a_loopback_name_sent_elsewhere_does_not_get_the_key_over_plain_http)
{
    auto options = quick_options();
    options.connect_tos.push_back(*ngd::net::parse_connect_to("localhost:9:192.0.2.1:9"));
    const auto result = fetch_once(get("http://localhost:9/api/v1/key", true), options);
    check_failure(result, error_class::config, "policy");
    BOOST_TEST(result.fail.message.find("192.0.2.1") != std::string::npos, result.fail.message);

    // Without a key, the same request is simply attempted (and fails to connect).
    const auto keyless = fetch_once(get("http://localhost:9/api/v1/key", false), options);
    BOOST_TEST_REQUIRE(!keyless.ok());
    BOOST_TEST(keyless.fail.stage != "policy");
}

BOOST_AUTO_TEST_CASE(a_malformed_url_is_a_config_failure)
{
    check_failure(fetch_once(get("openrouter.ai/api/v1", true)), error_class::config);
    check_failure(fetch_once(get("ftp://openrouter.ai/api/v1", true)), error_class::config);
    // Even a URL that (wrongly) holds the key does not bring it into the message.
    check_failure(fetch_once(get("https://openrouter.ai/api v1?key=" + fake_key, true)), error_class::config);
}

BOOST_AUTO_TEST_CASE(a_key_or_header_with_a_line_break_is_refused_before_sending)
{
    loopback_server server([](const recorded_request&) { return http_answer(200); });
    auto broken_key = get(server.url(), true);
    broken_key.bearer = fake_key + "\r\nX-Injected: 1";
    check_failure(fetch_once(broken_key), error_class::config, "config");

    auto broken_header = get(server.url());
    broken_header.headers = {{"X-Title", "ngdoctor\r\nX-Injected: 1"}};
    check_failure(fetch_once(broken_header), error_class::config, "config");
    BOOST_TEST(server.accepted() == 0u);
}

BOOST_AUTO_TEST_CASE(redirects_are_followed_and_the_key_stays_with_its_host)
{
    loopback_server other([](const recorded_request&) { return http_answer(200, "elsewhere"); });
    const std::string target = other.url("127.0.0.1", "/landing");
    loopback_server first([&](const recorded_request&) { return http_answer(302, "", {{"Location", target}}); });

    auto req = get(first.url("localhost", "/start"), true);
    req.headers = {{"X-Title", "ngdoctor"}, {"Cookie", "session=1"}};
    const auto result = fetch_once(req);
    BOOST_TEST_REQUIRE(result.ok(), result.fail.message);
    BOOST_TEST(result.resp->status == 200);
    BOOST_TEST(result.resp->body == "elsewhere");
    BOOST_TEST(result.resp->redirects == 1);
    BOOST_TEST(result.resp->final_url == target);

    const auto at_first = first.requests();
    const auto at_other = other.requests();
    BOOST_TEST_REQUIRE(at_first.size() == 1u);
    BOOST_TEST_REQUIRE(at_other.size() == 1u);
    BOOST_TEST(at_first[0].header("Authorization").value_or("") == "Bearer " + fake_key);
    BOOST_TEST(!at_other[0].header("Authorization"));
    BOOST_TEST(at_first[0].header("Cookie").value_or("") == "session=1");
    BOOST_TEST(!at_other[0].header("Cookie"));
    BOOST_TEST(at_other[0].header("X-Title").value_or("") == "ngdoctor");
}

// A redirect that puts the key into the next URL (as it is or %-escaped) would hand it to
// the next host in its logs: it is not followed, and the error does not repeat the URL.
BOOST_AUTO_TEST_CASE(a_redirect_to_a_url_holding_the_key_is_not_followed)
{
    loopback_server other([](const recorded_request&) { return http_answer(200, "got it"); });
    std::string escaped;
    for (const char c : fake_key) escaped += c == '-' ? std::string("%2D") : std::string(1, c);
    for (const std::string& location : {other.url("127.0.0.1", "/collect?k=" + fake_key),
                                        other.url("127.0.0.1", "/collect?k=" + escaped),
                                        other.url("127.0.0.1", "/" + fake_key)}) {
        loopback_server first([&](const recorded_request&) { return http_answer(302, "", {{"Location", location}}); });
        const auto result = fetch_once(get(first.url("localhost", "/start"), true));
        check_failure(result, error_class::bad_response, "redirect");
        BOOST_TEST(result.fail.message.find("holds the API key") != std::string::npos, result.fail.message);
        BOOST_TEST(result.fail.message.find(fake_key) == std::string::npos);
        BOOST_TEST(result.fail.message.find(escaped) == std::string::npos);
    }
    BOOST_TEST(other.accepted() == 0u);
    // Nor is a request sent to such a URL in the first place.
    const auto direct = fetch_once(get(other.url("127.0.0.1", "/collect?k=" + escaped), true));
    check_failure(direct, error_class::config, "policy");
    BOOST_TEST(other.accepted() == 0u);
}

BOOST_AUTO_TEST_CASE(a_dropped_key_is_not_sent_again_when_a_redirect_comes_back)
{
    loopback_server first([](const recorded_request& request) {
        if (request.target == "/back") return http_answer(200, "home again");
        return http_answer(307, "", {{"Location", "/unused"}});
    });
    const std::string back = first.url("localhost", "/back");
    loopback_server other([&](const recorded_request&) { return http_answer(301, "", {{"Location", back}}); });
    const std::string away = other.url("127.0.0.1", "/away");
    loopback_server start([&](const recorded_request&) { return http_answer(302, "", {{"Location", away}}); });

    // start (localhost) -> other (127.0.0.1) -> first (localhost, a different port than start).
    const auto result = fetch_once(get(start.url("localhost", "/"), true));
    BOOST_TEST_REQUIRE(result.ok(), result.fail.message);
    BOOST_TEST(result.resp->redirects == 2);
    BOOST_TEST(start.requests().at(0).header("Authorization").has_value());
    BOOST_TEST(!other.requests().at(0).header("Authorization"));
    BOOST_TEST(!first.requests().at(0).header("Authorization"));
}

BOOST_AUTO_TEST_CASE(a_relative_redirect_on_the_same_host_keeps_the_key_and_303_becomes_get)
{
    loopback_server server([](const recorded_request& request) {
        if (request.target == "/v1/start") return http_answer(303, "", {{"Location", "done?ok=1"}});
        return http_answer(200, request.method);
    });
    auto req = get(server.url("127.0.0.1", "/v1/start"), true);
    req.method = "POST";
    req.body = "{}";
    const auto result = fetch_once(req);
    BOOST_TEST_REQUIRE(result.ok(), result.fail.message);
    BOOST_TEST(result.resp->body == "GET");
    const auto seen = server.requests();
    BOOST_TEST_REQUIRE(seen.size() == 2u);
    BOOST_TEST(seen[1].target == "/v1/done?ok=1");
    BOOST_TEST(seen[1].body.empty());
    BOOST_TEST(seen[1].header("Authorization").value_or("") == "Bearer " + fake_key);
}

BOOST_AUTO_TEST_CASE(a_redirect_loop_ends_as_too_many_redirects)
{
    loopback_server server([](const recorded_request& request) {
        return http_answer(302, "", {{"Location", request.target == "/a" ? "/b" : "/a"}});
    });
    const auto result = fetch_once(get(server.url("127.0.0.1", "/a"), true));
    check_failure(result, error_class::bad_response, "redirect");
    BOOST_TEST(result.fail.message.find("too many redirects") != std::string::npos);
    // The first request and the five redirects that were allowed.
    BOOST_TEST(server.requests().size() == 6u);
}

BOOST_AUTO_TEST_CASE(a_body_over_the_cap_is_a_bad_response)
{
    loopback_server declared([](const recorded_request&) {
        return std::string("HTTP/1.1 200 OK\r\nContent-Length: 17825792\r\n\r\n") + std::string(65536, 'x');
    });
    const auto too_large = fetch_once(get(declared.url()));
    check_failure(too_large, error_class::bad_response);
    BOOST_TEST(too_large.fail.message.find("response body larger than 16 MiB") != std::string::npos);

    // Without a length the cap is found while reading.
    loopback_server streamed([](server_peer& peer) -> asio::awaitable<void> {
        if (!co_await peer.read_request()) co_return;
        if (!co_await peer.write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")) co_return;
        const std::string chunk(64 * 1024, 'y');
        for (int i = 0; i < 64; ++i)
            if (!co_await peer.write(chunk)) co_return;
    });
    auto options = quick_options();
    options.max_body = 1024 * 1024;
    const auto streamed_result = fetch_once(get(streamed.url()), options);
    check_failure(streamed_result, error_class::bad_response, "read");
    BOOST_TEST(streamed_result.fail.message.find("response body larger than 1 MiB") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_truncated_body_is_a_bad_response)
{
    loopback_server server([](server_peer& peer) -> asio::awaitable<void> {
        if (co_await peer.read_request())
            co_await peer.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten..");
    });
    const auto result = fetch_once(get(server.url(), true));
    check_failure(result, error_class::bad_response, "read");
    BOOST_TEST(result.fail.message.find("truncated") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(malformed_http_is_a_bad_response)
{
    loopback_server server([](server_peer& peer) -> asio::awaitable<void> {
        if (co_await peer.read_request()) co_await peer.write("HELLO there\r\n\r\n");
    });
    check_failure(fetch_once(get(server.url(), true)), error_class::bad_response, "read");
}

BOOST_AUTO_TEST_CASE(a_connection_closed_before_any_answer_is_a_connect_failure)
{
    loopback_server server([](server_peer& peer) -> asio::awaitable<void> { co_await peer.read_request(); });
    check_failure(fetch_once(get(server.url(), true)), error_class::connect, "read");
}

BOOST_AUTO_TEST_CASE(a_silent_server_times_out)
{
    loopback_server server([](server_peer& peer) -> asio::awaitable<void> {
        co_await peer.read_request();
        co_await peer.wait_for_close();
    });
    const auto result = fetch_once(get(server.url(), true));
    check_failure(result, error_class::timeout, "read");
    BOOST_TEST(result.fail.message.find("127.0.0.1:" + std::to_string(server.port())) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_server_dripping_bytes_slower_than_the_response_budget_still_ends)
{
    // Each byte comes well within the per-read timeout, so only the cap on the whole
    // response can end this: the test finishing at all is the assertion.
    loopback_server server([](server_peer& peer) -> asio::awaitable<void> {
        if (!co_await peer.read_request()) co_return;
        if (!co_await peer.write("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n")) co_return;
        for (;;) {
            co_await peer.pause(std::chrono::milliseconds(100));
            if (!co_await peer.write(".")) co_return;
        }
    });
    const auto result = fetch_once(get(server.url(), true));
    check_failure(result, error_class::timeout, "read");
    BOOST_TEST(result.fail.message.find("trickling") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(sequential_requests_reuse_one_connection)
{
    loopback_server server([](const recorded_request& request) { return http_answer(200, request.target); });
    asio::io_context io;
    ngd::net::client client(io.get_executor(), quick_options());
    for (const char* path : {"/one", "/two", "/three"}) {
        const auto result = ngd::test::run_to_completion(io, client.fetch(get(server.url("127.0.0.1", path), true)));
        BOOST_TEST_REQUIRE(result.ok(), result.fail.message);
        BOOST_TEST(result.resp->body == path);
    }
    BOOST_TEST(server.accepted() == 1u);
}

BOOST_AUTO_TEST_CASE(connection_close_is_honoured)
{
    loopback_server server([](const recorded_request&) { return http_answer(200, "bye", {{"Connection", "close"}}); });
    asio::io_context io;
    ngd::net::client client(io.get_executor(), quick_options());
    for (int i = 0; i < 2; ++i) {
        const auto result = ngd::test::run_to_completion(io, client.fetch(get(server.url())));
        BOOST_TEST_REQUIRE(result.ok(), result.fail.message);
    }
    BOOST_TEST(server.accepted() == 2u);
}

namespace {

// The first connection answers one request as if it would stay open, then reads the
// next request and hangs up without a word: what a server does when its idle timeout
// strikes just as a request arrives. Later connections answer everything.
loopback_server hangs_up_on_second_request()
{
    return loopback_server([](server_peer& peer) -> asio::awaitable<void> {
        if (peer.index() == 1) {
            if (co_await peer.read_request()) co_await peer.write(http_answer(200, "first"));
            co_await peer.read_request();
            co_return;
        }
        while (auto request = co_await peer.read_request())
            if (!co_await peer.write(http_answer(200, "fresh " + request->method))) co_return;
    });
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_stale_idle_connection_is_retried_once_on_a_fresh_one)
{
    const auto server = hangs_up_on_second_request();
    asio::io_context io;
    ngd::net::client client(io.get_executor(), quick_options());
    const auto first = ngd::test::run_to_completion(io, client.fetch(get(server.url())));
    BOOST_TEST_REQUIRE(first.ok(), first.fail.message);
    const auto second = ngd::test::run_to_completion(io, client.fetch(get(server.url())));
    BOOST_TEST_REQUIRE(second.ok(), second.fail.message);
    BOOST_TEST(first.resp->body == "first");
    BOOST_TEST(second.resp->body == "fresh GET");
    BOOST_TEST(server.accepted() == 2u);
    BOOST_TEST(server.requests().size() == 3u);
}

BOOST_AUTO_TEST_CASE(a_post_on_a_stale_connection_is_not_sent_twice)
{
    const auto server = hangs_up_on_second_request();
    asio::io_context io;
    ngd::net::client client(io.get_executor(), quick_options());
    const auto first = ngd::test::run_to_completion(io, client.fetch(get(server.url())));
    BOOST_TEST_REQUIRE(first.ok(), first.fail.message);
    auto post = get(server.url(), true);
    post.method = "POST";
    post.body = "{}";
    const auto second = ngd::test::run_to_completion(io, client.fetch(post));
    check_failure(second, error_class::connect, "read");
    BOOST_TEST(server.accepted() == 1u);
}

BOOST_AUTO_TEST_CASE(an_idle_connection_the_server_closed_is_not_used)
{
    loopback_server server([](server_peer& peer) -> asio::awaitable<void> {
        if (co_await peer.read_request()) co_await peer.write(http_answer(200, std::to_string(peer.index())));
    });
    asio::io_context io;
    ngd::net::client client(io.get_executor(), quick_options());
    const auto first = ngd::test::run_to_completion(io, client.fetch(get(server.url())));
    BOOST_TEST_REQUIRE(first.ok(), first.fail.message);
    const auto second = ngd::test::run_to_completion(io, client.fetch(get(server.url())));
    BOOST_TEST_REQUIRE(second.ok(), second.fail.message);
    BOOST_TEST(first.resp->body == "1");
    BOOST_TEST(second.resp->body == "2");
    BOOST_TEST(server.accepted() == 2u);
}

BOOST_AUTO_TEST_CASE(concurrent_requests_each_get_their_own_connection)
{
    // The server answers nobody until all three requests are in: only three connections
    // at once can get there.
    constexpr std::size_t parallel = 3;
    struct barrier {
        std::size_t arrived = 0;
        std::optional<asio::steady_timer> all_in;
    };
    // The state lives in the handler, so it goes with the server and its event loop.
    loopback_server server([shared = std::make_shared<barrier>()](server_peer& peer) -> asio::awaitable<void> {
        if (!shared->all_in) shared->all_in.emplace(co_await asio::this_coro::executor, std::chrono::seconds(20));
        while (auto request = co_await peer.read_request()) {
            if (++shared->arrived >= parallel)
                shared->all_in->cancel();
            else
                co_await shared->all_in->async_wait(asio::as_tuple(asio::use_awaitable));
            const int status = shared->arrived >= parallel ? 200 : 503;
            if (!co_await peer.write(http_answer(status, request->target))) co_return;
        }
    });

    asio::io_context io;
    ngd::net::client client(io.get_executor(), quick_options());
    std::vector<ngd::net::outcome> results;
    for (std::size_t i = 0; i < parallel; ++i) {
        asio::co_spawn(io, client.fetch(get(server.url("127.0.0.1", "/" + std::to_string(i)), true)),
                       [&](std::exception_ptr, ngd::net::outcome result) { results.push_back(std::move(result)); });
    }
    io.run();
    BOOST_TEST_REQUIRE(results.size() == parallel);
    for (const auto& result : results) {
        BOOST_TEST_REQUIRE(result.ok(), result.fail.message);
        BOOST_TEST(result.resp->status == 200);
    }
    BOOST_TEST(server.accepted() == parallel);
}

// The bound on requests in flight to one host: never more than allowed at once, the others
// served in the order they asked, and a waiter cancelled by a deadline leaves no hole.
BOOST_AUTO_TEST_CASE(host_slots_bound_requests_in_flight_and_keep_order)
{
    asio::io_context io;
    ngd::net::host_slots slots(2);
    int in_flight = 0, most = 0;
    std::vector<int> started;
    for (int i = 0; i < 5; ++i)
        asio::co_spawn(io, [&, i]() -> asio::awaitable<void> {
            const auto slot = co_await slots.take("https://openrouter.ai:443");
            started.push_back(i);
            most = std::max(most, ++in_flight);
            for (int turn = 0; turn < 3; ++turn) co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
            --in_flight;
        }, asio::detached);
    io.run();
    BOOST_TEST(most == 2);
    BOOST_TEST(started == (std::vector<int>{0, 1, 2, 3, 4}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_cancelled_waiter_gives_its_turn_away)
{
    using namespace asio::experimental::awaitable_operators;
    asio::io_context io;
    ngd::net::host_slots slots(1);
    std::vector<std::string> done;
    asio::steady_timer release(io, asio::steady_timer::time_point::max());
    asio::co_spawn(io, [&]() -> asio::awaitable<void> {  // holds the only slot until told
        const auto slot = co_await slots.take("h");
        boost::system::error_code ec;
        co_await release.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        done.push_back("holder");
    }, asio::detached);
    asio::co_spawn(io, [&]() -> asio::awaitable<void> {  // gives up waiting: its deadline comes first
        asio::steady_timer deadline(co_await asio::this_coro::executor, std::chrono::milliseconds(0));
        auto waited = co_await (slots.take("h") || deadline.async_wait(asio::use_awaitable));
        done.push_back(waited.index() == 1 ? "gave up" : "served early");
        release.cancel();
    }, asio::detached);
    asio::co_spawn(io, [&]() -> asio::awaitable<void> {  // waits behind it, and is served
        const auto slot = co_await slots.take("h");
        done.push_back("third");
    }, asio::detached);
    io.run();
    BOOST_TEST(done == (std::vector<std::string>{"gave up", "holder", "third"}), boost::test_tools::per_element());
}
