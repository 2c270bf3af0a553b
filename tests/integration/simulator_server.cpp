// ngdoctor-sim as a server: TLS and plain HTTP on one port, virtual hosts, keep-alive,
// many connections at once, the request log, injected faults and a clean stop.
#define BOOST_TEST_MODULE simulator_server
#include <boost/test/unit_test.hpp>

#include "support/process.hpp"
#include "support/simulator.hpp"
#include "support/temp_dir.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using ngd::test::simulator;

const std::string main_key = "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";

struct answer {
    int status = 0;
    std::string body;
    http::fields headers;
    boost::system::error_code error;  ///< set when the exchange failed (then status may be 0)
};

struct request_spec {
    std::string host = "openrouter.ai";
    std::string target = "/api/v1/key";
    std::optional<std::string> bearer;
    http::verb method = http::verb::get;
    std::string body;
};

request_spec req(std::string target, std::string host = "openrouter.ai")
{
    request_spec spec;
    spec.target = std::move(target);
    spec.host = std::move(host);
    return spec;
}

request_spec keyed(request_spec spec, std::string key)
{
    spec.bearer = std::move(key);
    return spec;
}

request_spec post(std::string target, std::string body, std::string key)
{
    auto spec = keyed(req(std::move(target)), std::move(key));
    spec.method = http::verb::post;
    spec.body = std::move(body);
    return spec;
}

http::request<http::string_body> make_request(const request_spec& spec)
{
    http::request<http::string_body> request{spec.method, spec.target, 11};
    request.set(http::field::host, spec.host);
    if (spec.bearer) request.set(http::field::authorization, "Bearer " + *spec.bearer);
    if (!spec.body.empty()) {
        request.set(http::field::content_type, "application/json");
        request.body() = spec.body;
    }
    request.prepare_payload();
    return request;
}

template <class Stream>
answer exchange(Stream& stream, const request_spec& spec)
{
    answer a;
    http::write(stream, make_request(spec), a.error);
    if (a.error) return a;
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(32 * 1024 * 1024);
    http::read(stream, buffer, parser, a.error);
    if (parser.is_header_done()) {
        a.status = parser.get().result_int();
        a.headers = parser.get().base();
    }
    a.body = parser.get().body();
    return a;
}

/// One request on a fresh connection to the simulator, over TLS (verified against the
/// simulator's CA, for `spec.host`) or plain HTTP.
answer fetch(const simulator& sim, const request_spec& spec, bool tls = true)
{
    asio::io_context io;
    beast::tcp_stream tcp(io);
    tcp.expires_after(std::chrono::seconds(60));  // a safety net against hangs only
    tcp.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), sim.port()));
    if (!tls) return exchange(tcp, spec);
    asio::ssl::context context(asio::ssl::context::tls_client);
    context.load_verify_file(sim.ca_file().string());
    context.set_verify_mode(asio::ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(std::move(tcp), context);
    SSL_set_tlsext_host_name(stream.native_handle(), spec.host.c_str());
    stream.set_verify_callback(asio::ssl::host_name_verification(spec.host));
    answer a;
    stream.handshake(asio::ssl::stream_base::client, a.error);
    if (a.error) return a;
    return exchange(stream, spec);
}

std::string scenario_with(const std::string& extra)
{
    return R"({"keys": {")" + main_key + R"(": {"name": "main", "limit": 10}}, "catalog": {"size": 40})" + extra + "}";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(serves_tls_for_every_simulated_host)
{
    simulator sim(scenario_with(""));
    for (const auto& host : {"openrouter.ai", "status.openai.com", "status.claude.com", "status.anthropic.com",
                             "status.openrouter.ai"})
        BOOST_TEST((std::find(sim.hosts().begin(), sim.hosts().end(), host) != sim.hosts().end()), host);

    const auto key = fetch(sim, keyed(req("/api/v1/key"), main_key));
    BOOST_TEST(!key.error.failed(), key.error.message());
    BOOST_TEST(key.status == 200);
    BOOST_TEST(contains(key.body, "\"label\":\"sk-or-v1-9b1...b0c\""));

    const auto summary = fetch(sim, req("/api/v2/summary.json", "status.openai.com"));
    BOOST_TEST(summary.status == 200);
    BOOST_TEST(contains(summary.body, "\"indicator\":\"none\""));
    BOOST_TEST(!contains(summary.body, "\"incidents\""));

    const auto moved = fetch(sim, req("/api/v2/status.json", "status.anthropic.com"));
    BOOST_TEST(moved.status == 302);
    BOOST_TEST(std::string(moved.headers[http::field::location]) == "https://status.claude.com/api/v2/status.json");

    const auto claude = fetch(sim, req("/api/v2/summary.json", "status.claude.com"));
    BOOST_TEST(claude.status == 200);
    BOOST_TEST(contains(claude.body, "\"incidents\":[]"));

    BOOST_TEST(fetch(sim, req("/api/v2/status.json", "status.openrouter.ai")).status == 403);
    const auto rss = fetch(sim, req("/incidents.rss", "status.openrouter.ai"));
    BOOST_TEST(rss.status == 200);
    BOOST_TEST(contains(rss.body, "<rss"));
}

BOOST_AUTO_TEST_CASE(a_host_outside_the_certificate_fails_verification)
{
    simulator sim;
    const auto wrong = fetch(sim, req("/api/v1/key", "api.openrouter.ai"));
    BOOST_TEST(wrong.status == 0);
    BOOST_TEST(wrong.error.failed());
}

BOOST_AUTO_TEST_CASE(plain_http_and_loopback_names_reach_openrouter)
{
    simulator sim;
    const auto models = fetch(sim, req("/api/v1/models", "127.0.0.1:" + std::to_string(sim.port())), false);
    BOOST_TEST(models.status == 200);
    BOOST_TEST(contains(models.body, "\"total_count\":320"));
    const auto wrong_path = fetch(sim, req("/api/models", "localhost"), false);
    BOOST_TEST(wrong_path.status == 404);
    BOOST_TEST(std::string(wrong_path.headers[http::field::content_type]).starts_with("text/html"));
    BOOST_TEST(fetch(sim, req("/", "example.com"), false).status == 421);
}

BOOST_AUTO_TEST_CASE(keeps_connections_alive_and_serves_many_at_once)
{
    simulator sim(scenario_with(""));
    asio::io_context io;
    std::vector<beast::tcp_stream> streams;
    for (int i = 0; i < 40; ++i) {
        streams.emplace_back(io);
        streams.back().connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), sim.port()));
    }
    // Every connection is open before any is answered: one thread must juggle them all.
    for (auto& stream : streams) {
        for (int round = 0; round < 2; ++round) {
            const auto a = exchange(stream, req("/api/v1/models/count", "openrouter.ai"));
            BOOST_TEST(a.status == 200);
            BOOST_TEST(a.body == "{\"data\":{\"count\":40}}");
        }
    }
}

BOOST_AUTO_TEST_CASE(logs_each_request_with_the_key_name_never_the_key)
{
    simulator sim(scenario_with(""));
    fetch(sim, keyed(req("/api/v1/key"), main_key));
    fetch(sim, keyed(req("/api/v1/key"), "sk-or-v1-" + std::string(64, 'e')));
    fetch(sim, req("/api/v2/status.json", "status.claude.com"));
    fetch(sim, post("/api/v1/chat/completions", R"({"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"hi"}]})", main_key));
    const auto lines = sim.log_lines();
    BOOST_TEST_REQUIRE(lines.size() == 4u);
    BOOST_TEST(contains(lines[0], "\"host\":\"openrouter.ai\""));
    BOOST_TEST(contains(lines[0], "\"path\":\"/api/v1/key\""));
    BOOST_TEST(contains(lines[0], "\"auth\":\"main\""));
    BOOST_TEST(contains(lines[1], "\"auth\":\"unknown\""));
    BOOST_TEST(contains(lines[2], "\"host\":\"status.claude.com\""));
    BOOST_TEST(contains(lines[2], "\"auth\":\"none\""));
    BOOST_TEST(contains(lines[3], "\"method\":\"POST\""));
    for (const auto& line : lines) {
        BOOST_TEST(!contains(line, main_key));
        BOOST_TEST(!contains(line, "sk-or-v1-eeee"));
    }
}

BOOST_AUTO_TEST_CASE(injects_faults)
{
    simulator sim(scenario_with(R"(, "faults": [
        {"path": "/api/v1/key", "kind": "truncated"},
        {"path": "/api/v1/credits", "kind": "reset"},
        {"path": "/api/v1/models", "kind": "oversized"},
        {"path": "/api/v1/providers", "kind": "slow_drip", "interval_ms": 1},
        {"path": "/api/v1/models/count", "kind": "redirect_loop"},
        {"path": "/api/v1/auth/key", "kind": "malformed_json"},
        {"host": "status.openai.com", "kind": "html_502"},
        {"path": "/api/v1/model/*", "kind": "status", "status": 503, "body": "busy", "content_type": "text/plain",
         "headers": {"Retry-After": "7"}, "times": 1}
    ])"));
    // Plain HTTP sees the body end early; TLS sees the connection close without close_notify.
    const auto truncated = fetch(sim, keyed(req("/api/v1/key"), main_key), false);
    BOOST_TEST((truncated.error == http::error::partial_message), truncated.error.message());
    BOOST_TEST(truncated.status == 200);
    const auto truncated_tls = fetch(sim, keyed(req("/api/v1/key"), main_key));
    BOOST_TEST((truncated_tls.error == asio::ssl::error::stream_truncated), truncated_tls.error.message());

    const auto reset = fetch(sim, keyed(req("/api/v1/credits"), main_key));
    BOOST_TEST(reset.status == 0);
    BOOST_TEST(reset.error.failed());

    const auto oversized = fetch(sim, req("/api/v1/models"));
    BOOST_TEST(oversized.status == 200);
    BOOST_TEST(oversized.body.size() > 16u * 1024 * 1024);

    const auto dripped = fetch(sim, req("/api/v1/providers"), false);
    BOOST_TEST(dripped.status == 200);
    BOOST_TEST(dripped.body.starts_with("{\"data\":[{\"name\":\"OpenAI\""));

    const auto loop = fetch(sim, req("/api/v1/models/count"));
    BOOST_TEST(loop.status == 302);
    BOOST_TEST(std::string(loop.headers[http::field::location]) == "https://openrouter.ai/api/v1/models/count");

    const auto malformed = fetch(sim, keyed(req("/api/v1/auth/key"), main_key));
    BOOST_TEST(malformed.status == 200);
    BOOST_TEST(std::string(malformed.headers[http::field::content_type]) == "application/json");
    BOOST_TEST(contains(malformed.body, ",,"));

    const auto cdn = fetch(sim, req("/api/v2/status.json", "status.openai.com"));
    BOOST_TEST(cdn.status == 502);
    BOOST_TEST(cdn.body.starts_with("<!DOCTYPE html>"));

    const auto once = fetch(sim, req("/api/v1/model/openai/gpt-4o"));
    BOOST_TEST(once.status == 503);
    BOOST_TEST(once.body == "busy");
    BOOST_TEST(std::string(once.headers["Retry-After"]) == "7");
    BOOST_TEST(fetch(sim, req("/api/v1/model/openai/gpt-4o")).status == 200, "times: 1 applies once");
}

BOOST_AUTO_TEST_CASE(stops_cleanly_on_sigterm)
{
    simulator sim;
    BOOST_TEST(fetch(sim, req("/api/v1/models/count"), false).status == 200);
    BOOST_TEST(sim.stop() == 0);
}

BOOST_AUTO_TEST_CASE(rejects_a_bad_scenario_with_one_clear_line)
{
    ngd::test::temp_dir dir;
    const auto file = dir.write("bad.json", R"({"keys": {"sk-or-v1-abc": {"status": "lost"}}})");
    const auto result = ngd::test::run(ngd::test::staged_binary("ngdoctor-sim"), {"--scenario", file.string()});
    BOOST_TEST(result.exit_code == 2);
    BOOST_TEST(contains(result.err, "keys[1].status: expected valid, revoked or expired"));
    BOOST_TEST(!contains(result.err, "sk-or-v1-abc"), "the error names the key's place, not the key");
    BOOST_TEST(result.out.empty());

    const auto not_json = dir.write("broken.json", "{");
    BOOST_TEST(ngd::test::run(ngd::test::staged_binary("ngdoctor-sim"), {"--scenario", not_json.string()}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(prints_usage)
{
    const auto result = ngd::test::run(ngd::test::staged_binary("ngdoctor-sim"), {"--help"});
    BOOST_TEST(result.exit_code == 0);
    BOOST_TEST(contains(result.out, "--generate-ca"));
    BOOST_TEST(ngd::test::run(ngd::test::staged_binary("ngdoctor-sim"), {"--no-such-option"}).exit_code == 2);
}

// OpenRouter fills the endpoints' 30-minute latency and throughput for authenticated callers
// only (openrouter-api.md §4.2); anonymous callers get null.
BOOST_AUTO_TEST_CASE(endpoint_latency_reaches_authenticated_callers_only)
{
    simulator sim(scenario_with(""));
    const auto anonymous = fetch(sim, req("/api/v1/models/openai/gpt-4o-mini/endpoints"));
    const auto authenticated = fetch(sim, keyed(req("/api/v1/models/openai/gpt-4o-mini/endpoints"), main_key));
    BOOST_TEST_REQUIRE(anonymous.status == 200);
    BOOST_TEST_REQUIRE(authenticated.status == 200);
    BOOST_TEST(contains(anonymous.body, "\"latency_last_30m\":null"));
    BOOST_TEST(contains(anonymous.body, "\"throughput_last_30m\":null"));
    BOOST_TEST(contains(authenticated.body, "\"latency_last_30m\":{"));
    BOOST_TEST(contains(authenticated.body, "\"throughput_last_30m\":{"));
}

// The current message variants: 401 without a key, the account 402, the privacy 404's
// reason and the generation id header.
BOOST_AUTO_TEST_CASE(serves_the_current_error_wordings)
{
    for (const auto& [wording, text] : {std::pair{"cookie", "No cookie auth credentials found"},
                                        std::pair{"spec", "Missing Authentication header"}}) {
        simulator sim(R"({"missing_auth_wording": ")" + std::string(wording) + R"("})");
        const auto a = fetch(sim, req("/api/v1/key"));
        BOOST_TEST(a.status == 401);
        BOOST_TEST(contains(a.body, text), a.body);
    }
    simulator broke(R"({"credits_wording": "insufficient", "availability_in_errors": true, "keys": {")" + main_key +
                    R"(": {"name": "main", "limit": null, "total_credits": 1, "total_usage": 1,
                           "excluded_models": ["openai/gpt-4o"]}}})");
    const auto poor = fetch(broke, post("/api/v1/chat/completions",
                                        R"({"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"hi"}]})", main_key));
    BOOST_TEST(poor.status == 402);
    BOOST_TEST(contains(poor.body, "Insufficient credits. Add more using https://openrouter.ai/credits"), poor.body);
    const auto hidden = fetch(broke, post("/api/v1/chat/completions",
                                          R"({"model":"openai/gpt-4o","messages":[{"role":"user","content":"hi"}]})", main_key));
    BOOST_TEST(hidden.status == 404);
    BOOST_TEST(contains(hidden.body, "\"excluded_by\""), hidden.body);

    // A key cap with a little left that does not cover the prompt itself.
    simulator capped(R"({"keys": {")" + main_key + R"(": {"name": "main", "limit": 1, "limit_remaining": 0.000001}}})");
    const std::string long_prompt(4000, 'a');
    const auto cut = fetch(capped, post("/api/v1/chat/completions",
                                        R"({"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":")" +
                                            long_prompt + R"("}]})",
                                        main_key));
    BOOST_TEST(cut.status == 402);
    BOOST_TEST(contains(cut.body, "Prompt tokens limit exceeded: "), cut.body);
    BOOST_TEST(contains(cut.body, " > 6"), cut.body);

    simulator fine(scenario_with(""));
    const auto ok = fetch(fine, post("/api/v1/chat/completions",
                                     R"({"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"hi"}]})", main_key));
    BOOST_TEST(ok.status == 200);
    BOOST_TEST(std::string(ok.headers["X-Generation-Id"]).starts_with("gen-"), ok.body);
}

BOOST_AUTO_TEST_CASE(serves_the_generations_it_ran_to_the_key_that_ran_them)
{
    const std::string other_key = "sk-or-v1-" + std::string(64, '7');
    simulator sim(R"({"keys": {")" + main_key + R"(": {"name": "main", "limit": 10}, ")" + other_key +
                  R"(": {"name": "other"}}, "catalog": {"size": 40}})");
    const auto ran = fetch(sim, post("/api/v1/chat/completions",
                                     R"({"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"hi"}]})", main_key));
    BOOST_TEST_REQUIRE(ran.status == 200, ran.body);
    const std::string id(ran.headers["X-Generation-Id"]);
    BOOST_TEST_REQUIRE(id.starts_with("gen-"));
    BOOST_TEST(contains(ran.body, "\"id\":\"" + id + "\""), "the body's id is the header's");

    const auto found = fetch(sim, keyed(req("/api/v1/generation?id=" + id), main_key));
    BOOST_TEST_REQUIRE(found.status == 200, found.body);
    const auto data = boost::json::parse(found.body).at("data").as_object();
    BOOST_TEST(data.at("id").as_string() == id);
    BOOST_TEST(data.at("model").as_string() == "openai/gpt-4o-mini");
    BOOST_TEST(!data.at("provider_name").as_string().empty());
    BOOST_TEST(data.at("finish_reason").as_string() == "stop");
    BOOST_TEST(data.at("tokens_prompt").as_int64() > 0);
    BOOST_TEST(data.at("tokens_completion").as_int64() > 0);
    BOOST_TEST(data.at("total_cost").to_number<double>() > 0);
    BOOST_TEST(data.at("latency").to_number<double>() >= data.at("generation_time").to_number<double>());

    // Another account does not see it; nor does a made-up id: OpenRouter's 404 envelope.
    for (const auto& [target, key] : {std::pair{"/api/v1/generation?id=" + id, other_key},
                                      std::pair{std::string("/api/v1/generation?id=gen-0000000000-notarealid00000"), main_key}}) {
        const auto missing = fetch(sim, keyed(req(target), key));
        BOOST_TEST(missing.status == 404, target);
        BOOST_TEST(boost::json::parse(missing.body).at("error").at("code").as_int64() == 404, missing.body);
    }
    const auto anonymous = fetch(sim, req("/api/v1/generation?id=" + id));
    BOOST_TEST(anonymous.status == 401, anonymous.body);
    const auto unknown_key = fetch(sim, keyed(req("/api/v1/generation?id=" + id), "sk-or-v1-" + std::string(64, 'e')));
    BOOST_TEST(unknown_key.status == 401, unknown_key.body);
    const auto no_id = fetch(sim, keyed(req("/api/v1/generation"), main_key));
    BOOST_TEST(no_id.status == 400, no_id.body);
}
