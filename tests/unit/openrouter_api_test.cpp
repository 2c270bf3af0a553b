#define BOOST_TEST_MODULE openrouter_api
#include <boost/test/unit_test.hpp>

#include "net/client.hpp"
#include "openrouter/api.hpp"
#include "openrouter_test_fixtures.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <functional>
#include <list>
#include <map>
#include <memory>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using namespace ngd::openrouter;
using ngd::net::error_class;
using ngd::test::openrouter_fixture;

namespace {

const std::string fake_key = "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";

const std::string html_404 =
    "<!DOCTYPE html><html><head><script src=\"/_next/static/chunks/main.js\"></script></head>"
    "<body>404: This page could not be found.</body></html>";

/// One canned answer of the loopback server.
struct canned {
    canned(int status, std::string content_type, std::string body, ngd::net::header_list headers = {})
        : status(status), content_type(std::move(content_type)), body(std::move(body)), headers(std::move(headers))
    {
    }

    int status;
    std::string content_type;
    std::string body;
    ngd::net::header_list headers;
};

/// What the server was asked.
struct seen_request {
    std::string method;
    std::string target;
    std::string authorization;  ///< empty when none was sent
    std::string content_type;
    std::string body;
};

/// A plain-HTTP server on 127.0.0.1 answering from a table (path → answer); any other
/// path gets OpenRouter's website 404 page. stop() closes everything it opened.
class loopback_server {
public:
    loopback_server(asio::io_context& io, std::map<std::string, canned> routes)
        : acceptor_(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)), routes_(std::move(routes))
    {
        asio::co_spawn(io, accept_loop(), asio::detached);
    }

    std::string origin() const { return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()); }
    const std::vector<seen_request>& seen() const { return seen_; }

    void stop()
    {
        boost::system::error_code ignored;
        acceptor_.close(ignored);
        for (auto& socket : sockets_) socket->close(ignored);
    }

private:
    asio::awaitable<void> accept_loop()
    {
        for (;;) {
            boost::system::error_code ec;
            auto socket = std::make_shared<tcp::socket>(co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec)));
            if (ec) co_return;
            sockets_.push_back(socket);
            asio::co_spawn(acceptor_.get_executor(), serve(socket), asio::detached);
        }
    }

    asio::awaitable<void> serve(std::shared_ptr<tcp::socket> socket)
    {
        beast::flat_buffer buffer;
        for (;;) {
            boost::system::error_code ec;
            http::request<http::string_body> req;
            co_await http::async_read(*socket, buffer, req, asio::redirect_error(asio::use_awaitable, ec));
            if (ec) co_return;
            seen_.push_back({std::string(req.method_string()), std::string(req.target()),
                             std::string(req[http::field::authorization]), std::string(req[http::field::content_type]),
                             req.body()});
            auto res = answer(req);
            co_await http::async_write(*socket, res, asio::redirect_error(asio::use_awaitable, ec));
            if (ec || !req.keep_alive()) co_return;
        }
    }

    http::response<http::string_body> answer(const http::request<http::string_body>& req) const
    {
        const auto found = routes_.find(std::string(req.target()));
        const canned reply = found != routes_.end() ? found->second : canned{404, "text/html; charset=utf-8", html_404, {}};
        http::response<http::string_body> res(static_cast<http::status>(reply.status), 11);
        res.set(http::field::content_type, reply.content_type);
        for (const auto& [name, value] : reply.headers) res.set(name, value);
        res.body() = reply.body;
        res.keep_alive(req.keep_alive());
        res.prepare_payload();
        return res;
    }

    tcp::acceptor acceptor_;
    std::map<std::string, canned> routes_;
    std::vector<seen_request> seen_;
    std::list<std::shared_ptr<tcp::socket>> sockets_;
};

/// Runs `scenario` against a fresh server and client; returns once both are done.
void with_server(std::map<std::string, canned> routes,
                 std::function<asio::awaitable<void>(ngd::net::client&, loopback_server&)> scenario)
{
    asio::io_context io;
    loopback_server server(io, std::move(routes));
    ngd::net::client_options options;
    options.timeout = std::chrono::seconds(20);  // a safety net against hangs, never reached
    ngd::net::client http(io.get_executor(), options);
    std::exception_ptr failure;
    asio::co_spawn(io, scenario(http, server), [&](std::exception_ptr e) {
        failure = e;
        server.stop();
    });
    io.run();
    if (failure) std::rethrow_exception(failure);
}

template <class T>
void require_no_key(const api_result<T>& r)
{
    BOOST_TEST(r.curl.find(fake_key) == std::string::npos);
    BOOST_TEST(r.error.detail.find(fake_key) == std::string::npos);
    BOOST_TEST(r.url.find(fake_key) == std::string::npos);
}

const std::string legacy_key_body =
    R"({"data":{"label":"sk-or-v1-a3f...809","usage":1.5,"limit":null,"is_free_tier":true,"rate_limit":{"requests":20,"interval":"10s"}}})";

}  // namespace

BOOST_AUTO_TEST_CASE(key_falls_back_to_auth_key_on_404)
{
    with_server({{"/api/v1/key", {404, "application/json", R"({"error":{"code":404,"message":"Not Found"}})"}},
                 {"/api/v1/auth/key", {200, "application/json", legacy_key_body}}},
                [](ngd::net::client& http, loopback_server& server) -> asio::awaitable<void> {
                    const auto r = co_await get_key(http, server.origin() + "/api/v1/", fake_key);
                    BOOST_TEST_REQUIRE(r.ok(), r.error.detail);
                    BOOST_TEST(r->is_free_tier);
                    BOOST_TEST(r.url == server.origin() + "/api/v1/auth/key");
                    BOOST_TEST_REQUIRE(server.seen().size() == 2u);
                    BOOST_TEST(server.seen()[0].target == "/api/v1/key");
                    BOOST_TEST(server.seen()[1].target == "/api/v1/auth/key");
                    for (const auto& req : server.seen()) BOOST_TEST(req.authorization == "Bearer " + fake_key);
                    require_no_key(r);
                });
}

BOOST_AUTO_TEST_CASE(key_current_route_answers_first)
{
    with_server({{"/api/v1/key", {200, "application/json", openrouter_fixture("key_ok.json")}}},
                [](ngd::net::client& http, loopback_server& server) -> asio::awaitable<void> {
                    const auto r = co_await get_key(http, server.origin() + "/api/v1", fake_key);
                    BOOST_TEST_REQUIRE(r.ok(), r.error.detail);
                    BOOST_TEST(r->free_model_daily_requests->remaining == 998);
                    BOOST_TEST(server.seen().size() == 1u);
                    BOOST_TEST(r.raw->status == 200);
                });
}

BOOST_AUTO_TEST_CASE(no_fallback_on_401)
{
    with_server({{"/api/v1/key", {401, "application/json", openrouter_fixture("err_401.json")}},
                 {"/api/v1/auth/key", {200, "application/json", legacy_key_body}}},
                [](ngd::net::client& http, loopback_server& server) -> asio::awaitable<void> {
                    const auto r = co_await get_key(http, server.origin() + "/api/v1", fake_key);
                    BOOST_TEST(!r.ok());
                    BOOST_TEST((r.error.cls == error_class::http_401));
                    BOOST_TEST(r.error.server_message == "User not found.");
                    BOOST_TEST(!r.error.html);
                    BOOST_TEST(server.seen().size() == 1u);
                    require_no_key(r);
                });
}

BOOST_AUTO_TEST_CASE(html_404_reveals_a_wrong_base_url)
{
    with_server({{"/api/v1/key", {200, "application/json", openrouter_fixture("key_ok.json")}},
                 {"/api/v1/models", {200, "application/json", openrouter_fixture("models_ok.json")}}},
                [](ngd::net::client& http, loopback_server& server) -> asio::awaitable<void> {
                    // "/api" without "/v1": both key routes hit the website's 404 page.
                    const auto key = co_await get_key(http, server.origin() + "/api", fake_key);
                    BOOST_TEST((key.error.cls == error_class::http_404));
                    BOOST_TEST(key.error.html);
                    BOOST_TEST(key.error.url == server.origin() + "/api/key");
                    BOOST_TEST(server.seen().size() == 2u);

                    const auto wrong = co_await list_models(http, server.origin() + "/api/");
                    BOOST_TEST((wrong.error.cls == error_class::http_404));
                    BOOST_TEST(wrong.error.html);
                    BOOST_TEST(wrong.error.server_message.empty());

                    const auto right = co_await list_models(http, server.origin() + "/api/v1/");
                    BOOST_TEST_REQUIRE(right.ok(), right.error.detail);
                    BOOST_TEST(right->data.size() == 2u);
                    BOOST_TEST(server.seen().back().target == "/api/v1/models");
                    BOOST_TEST(server.seen().back().authorization.empty());
                });
}

BOOST_AUTO_TEST_CASE(error_classes_over_the_wire)
{
    with_server(
        {{"/a/api/v1/chat/completions",
          {429, "application/json", openrouter_fixture("err_429_free.json"),
           {{"X-RateLimit-Limit", "50"}, {"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset", "1788220800000"}}}},
         {"/b/api/v1/chat/completions",
          {503, "application/json", R"({"error":{"code":503,"message":"Service temporarily unavailable"}})",
           {{"Retry-After", "60"}}}},
         {"/c/api/v1/chat/completions", {402, "application/json", openrouter_fixture("err_402.json")}},
         {"/d/api/v1/chat/completions", {200, "application/json", openrouter_fixture("chat_ok.json")}},
         {"/e/api/v1/chat/completions", {502, "text/plain", "Bad Gateway"}},
         {"/f/api/v1/credits", {403, "application/json", openrouter_fixture("err_403_mgmt.json")}},
         {"/g/api/v1/credits", {200, "text/html", "<html><body>Just a moment...</body></html>"}},
         {"/h/api/v1/credits", {200, "application/json", "{\"data\": {\"total_credits\": 1"}},
         {"/i/api/v1/credits", {200, "application/json", openrouter_fixture("credits_ok.json")}}},
        [](ngd::net::client& http, loopback_server& server) -> asio::awaitable<void> {
            const auto base = [&](const char* prefix) { return server.origin() + prefix + "/api/v1"; };
            const auto limited = co_await chat_completion_probe(http, base("/a"), fake_key, "x/y:free");
            BOOST_TEST((limited.error.cls == error_class::http_429));
            BOOST_TEST(limited.error.rate_limit.limit.value() == 50);
            BOOST_TEST(limited.error.rate_limit.reset_ms.value() == 1788220800000);
            BOOST_TEST(limited.error.envelope->metadata->limit_source.value() == "openrouter_free_tier_daily");
            const auto& sent = server.seen().back();
            BOOST_TEST(sent.method == "POST");
            BOOST_TEST(sent.content_type == "application/json");
            BOOST_TEST(sent.body.find("\"max_tokens\":16") != std::string::npos);
            BOOST_TEST(sent.body.find("\"model\":\"x/y:free\"") != std::string::npos);
            require_no_key(limited);

            const auto busy = co_await chat_completion_probe(http, base("/b"), fake_key, "x/y");
            BOOST_TEST((busy.error.cls == error_class::http_5xx));
            BOOST_TEST(busy.error.retry_after->delay->count() == 60);

            const auto broke = co_await chat_completion_probe(http, base("/c"), fake_key, "x/y");
            BOOST_TEST((broke.error.cls == error_class::http_402));
            BOOST_TEST(broke.error.server_message.starts_with("This request requires more credits"));

            const auto fine = co_await chat_completion_probe(http, base("/d"), fake_key, "openai/gpt-4o-mini");
            BOOST_TEST_REQUIRE(fine.ok(), fine.error.detail);
            BOOST_TEST(fine->first_content().value() == "pong");

            const auto gateway = co_await chat_completion_probe(http, base("/e"), fake_key, "x/y");
            BOOST_TEST((gateway.error.cls == error_class::http_5xx));
            BOOST_TEST(gateway.error.server_message.empty());

            const auto forbidden = co_await get_credits(http, base("/f"), fake_key);
            BOOST_TEST((forbidden.error.cls == error_class::http_403));
            BOOST_TEST(forbidden.error.server_message == "Only management keys can perform this operation");

            const auto challenge = co_await get_credits(http, base("/g"), fake_key);
            BOOST_TEST((challenge.error.cls == error_class::bad_response));
            BOOST_TEST(challenge.error.html);

            const auto cut = co_await get_credits(http, base("/h"), fake_key);
            BOOST_TEST((cut.error.cls == error_class::bad_response));
            BOOST_TEST(cut.error.status == 200);

            const auto credits = co_await get_credits(http, base("/i"), fake_key);
            BOOST_TEST_REQUIRE(credits.ok(), credits.error.detail);
            BOOST_TEST(credits->balance() == 74.75);
        });
}

BOOST_AUTO_TEST_CASE(refused_connection_is_a_transport_failure)
{
    std::string closed_origin;
    {
        asio::io_context io;
        tcp::acceptor probe(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
        closed_origin = "http://127.0.0.1:" + std::to_string(probe.local_endpoint().port());
    }  // the port is closed again here
    with_server({}, [&](ngd::net::client& http, loopback_server&) -> asio::awaitable<void> {
        const auto r = co_await get_key(http, closed_origin + "/api/v1", fake_key);
        BOOST_TEST(!r.ok());
        BOOST_TEST((r.error.cls == error_class::connect), ngd::net::to_string(r.error.cls));
        BOOST_TEST(r.error.status == 0);
        BOOST_TEST(!r.raw.has_value());
        require_no_key(r);
    });
}

BOOST_AUTO_TEST_CASE(model_routes_keep_the_variant)
{
    with_server({{"/api/v1/models/meta-llama/llama-3.3-70b-instruct:free/endpoints",
                  {200, "application/json", openrouter_fixture("endpoints_ok.json")}},
                 {"/api/v1/model/acme/fake-1.0",
                  {404, "application/json", R"({"error":{"code":404,"message":"Resource not found"}})"}},
                 {"/api/v1/models/user", {200, "application/json", openrouter_fixture("models_ok.json")}},
                 {"/api/v1/providers",
                  {200, "application/json",
                   R"({"data":[{"name":"OpenAI","slug":"openai","privacy_policy_url":"p","status_page_url":"https://status.openai.com"}]})"}}},
                [](ngd::net::client& http, loopback_server& server) -> asio::awaitable<void> {
                    const auto base = server.origin() + "/api/v1";
                    const auto model = split_model_id("meta-llama/llama-3.3-70b-instruct:free");
                    const auto endpoints = co_await list_endpoints(http, base, *model);
                    BOOST_TEST_REQUIRE(endpoints.ok(), endpoints.error.detail);
                    BOOST_TEST(endpoints->endpoints.size() == 2u);

                    const auto unknown = co_await get_model(http, base, *split_model_id("acme/fake-1.0"));
                    BOOST_TEST((unknown.error.cls == error_class::http_404));
                    BOOST_TEST(!unknown.error.html);
                    BOOST_TEST(unknown.error.server_message == "Resource not found");

                    const auto user = co_await list_user_models(http, base, fake_key);
                    BOOST_TEST_REQUIRE(user.ok(), user.error.detail);
                    BOOST_TEST(server.seen().back().authorization == "Bearer " + fake_key);

                    const auto providers = co_await list_providers(http, base);
                    BOOST_TEST_REQUIRE(providers.ok(), providers.error.detail);
                    BOOST_TEST(providers->find_slug("openai")->status_page_url.value() == "https://status.openai.com");
                });
}

BOOST_AUTO_TEST_CASE(status_pages_follow_redirects_and_never_get_a_key)
{
    const std::string summary = R"({"page":{"id":"p","name":"Claude","url":"u"},
        "status":{"indicator":"major","description":"Partial System Outage"},
        "components":[{"id":"c","name":"API","status":"major_outage"}]})";
    const std::string status = R"({"page":{"id":"p","name":"Claude","url":"u"},
        "status":{"indicator":"maintenance","description":"Service Under Maintenance"}})";
    std::map<std::string, canned> routes = {{"/new/api/v2/summary.json", {200, "application/json", summary}},
                                            {"/new/api/v2/status.json", {200, "application/json", status}}};
    with_server(routes, [&](ngd::net::client& http, loopback_server& server) -> asio::awaitable<void> {
        const auto r = co_await statuspage_summary(http, server.origin() + "/new/");
        BOOST_TEST_REQUIRE(r.ok(), r.error.detail);
        BOOST_TEST((r->status.indicator == status_indicator::major));
        BOOST_TEST((r->worst_component() == component_status::major_outage));
        BOOST_TEST(!r->incidents.has_value());
        const auto s = co_await statuspage_status(http, server.origin() + "/new");
        BOOST_TEST_REQUIRE(s.ok(), s.error.detail);
        BOOST_TEST((s->status.indicator == status_indicator::maintenance));
        BOOST_TEST(s.curl == "curl " + server.origin() + "/new/api/v2/status.json");
        for (const auto& req : server.seen()) BOOST_TEST(req.authorization.empty());
    });
}

BOOST_AUTO_TEST_CASE(status_page_redirect_is_followed)
{
    // status.anthropic.com answers 302 to status.claude.com; here both live on one loopback origin.
    const std::string status = R"({"page":{"id":"p","name":"Claude","url":"u"},"status":{"indicator":"none","description":"ok"}})";
    std::map<std::string, canned> routes = {{"/claude/api/v2/status.json", {200, "application/json", status}},
                                            {"/anthropic/api/v2/status.json",
                                             {302, "text/html", "", {{"Location", "/claude/api/v2/status.json"}}}}};
    with_server(routes, [&](ngd::net::client& http, loopback_server& server) -> asio::awaitable<void> {
        const auto r = co_await statuspage_status(http, server.origin() + "/anthropic");
        BOOST_TEST_REQUIRE(r.ok(), r.error.detail);
        BOOST_TEST(r.raw->redirects == 1);
        BOOST_TEST(r.raw->final_url == server.origin() + "/claude/api/v2/status.json");
        BOOST_TEST_REQUIRE(server.seen().size() == 2u);
        for (const auto& req : server.seen()) BOOST_TEST(req.authorization.empty());
    });
}
