#include "net/client.hpp"

#include "net/connection.hpp"
#include "net/host_slots.hpp"
#include "net/tls.hpp"
#include "net/tls_sessions.hpp"

#include <boost/algorithm/string/predicate.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>

#include <algorithm>
#include <charconv>
#include <future>
#include <map>

namespace ngd::net {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using clock = std::chrono::steady_clock;

// An idle connection kept for later requests; more than this per key are closed.
constexpr std::size_t max_idle_per_key = 8;

// Requests in flight to one host at a time. OpenRouter sets no request cap on the routes a
// check-all asks (only :free inference is limited, 20 a minute: openrouter-api.md §6), and
// the highest rate it has documented for paid keys is a surge of about 500 a second: 64 in
// flight, each a round trip of 100 ms or more, stays well under that, and a config of 200
// servers is still asked in one round (its requests are deduplicated to about 60).
constexpr std::size_t max_in_flight_per_host = 64;

outcome failed(error_class cls, std::string stage, std::string message)
{
    outcome result;
    result.fail = failure{cls, std::move(stage), std::move(message), {}};
    return result;
}

bool is_redirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// Headers that carry credentials or that the client computes itself.
bool is_credential_header(std::string_view name)
{
    return boost::algorithm::iequals(name, "Authorization") || boost::algorithm::iequals(name, "Proxy-Authorization") ||
           boost::algorithm::iequals(name, "Cookie");
}

bool is_computed_header(std::string_view name)
{
    return boost::algorithm::iequals(name, "Host") || boost::algorithm::iequals(name, "Content-Length") ||
           boost::algorithm::iequals(name, "Transfer-Encoding");
}

// What a redirect does to the request: 303 always becomes GET (HEAD stays HEAD); 301
// and 302 turn a POST into a GET as every browser does; 307 and 308 repeat it as is.
void follow_method(request& req, int status)
{
    const bool to_get =
        (status == 303 && req.method != "HEAD") || ((status == 301 || status == 302) && req.method == "POST");
    if (!to_get) return;
    req.method = "GET";
    req.body.clear();
    std::erase_if(req.headers,
                  [](const auto& header) { return boost::algorithm::iequals(header.first, "Content-Type"); });
}

// `at_origin`: still at the scheme, host and port the request was made for; the key
// and any credential header the caller added go nowhere else.
http_request build_request(const request& req, const http_url& url, bool at_origin, const std::string& user_agent)
{
    http_request message;
    message.version(11);
    const auto verb = http::string_to_verb(req.method);
    if (verb == http::verb::unknown)
        message.method_string(req.method);
    else
        message.method(verb);
    message.target(url.target);
    message.set(http::field::host, url.host_header());
    message.set(http::field::user_agent, user_agent);
    for (const auto& [name, value] : req.headers) {
        if (is_computed_header(name) || (is_credential_header(name) && !at_origin)) continue;
        message.insert(name, value);
    }
    if (at_origin && req.bearer) message.set(http::field::authorization, "Bearer " + *req.bearer);
    message.body() = req.body;
    message.prepare_payload();
    return message;
}

bool has_control_character(std::string_view text)
{
    return std::any_of(text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

// A line break in a header would end it early and start another one of the text's
// choosing; say what is wrong without quoting the value, which may be a secret.
std::optional<std::string> unsendable(const request& req)
{
    if (req.bearer && has_control_character(*req.bearer))
        return "the API key contains a line break or NUL character and cannot be sent";
    if (req.method.empty() || std::any_of(req.method.begin(), req.method.end(),
                                          [](char c) { return c <= ' ' || c >= 127 || c == ':' || c == '/'; }))
        return "invalid HTTP method";
    for (const auto& [name, value] : req.headers)
        if (name.empty() || has_control_character(name) || name.find(':') != std::string::npos ||
            has_control_character(value))
            return "header " + (has_control_character(name) ? std::string("name") : "'" + name + "'") +
                   " contains a line break or is malformed";
    return std::nullopt;
}

/// `text` with its %XX escapes decoded (a URL may carry a key escaped).
std::string percent_decoded(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned value = 0;
        if (text[i] == '%' && i + 2 < text.size() &&
            std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16).ptr == text.data() + i + 3) {
            out += static_cast<char>(value);
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

/// Whether `url` holds the request's key or another credential, as it is or %-escaped: such a
/// URL would hand the key to whoever logs it (a redirect can aim one at any host).
bool url_holds_credential(std::string_view url, const request& req)
{
    std::vector<std::string_view> secrets;
    if (req.bearer) secrets.emplace_back(*req.bearer);
    for (const auto& [name, value] : req.headers)
        if (is_credential_header(name)) secrets.emplace_back(value);
    const std::string decoded = percent_decoded(url);
    for (const auto secret : secrets)
        if (secret.size() >= 8 && (url.find(secret) != std::string_view::npos ||
                                   decoded.find(secret) != std::string::npos))
            return true;
    return false;
}

bool carries_credentials(const request& req)
{
    return req.bearer.has_value() || std::any_of(req.headers.begin(), req.headers.end(),
                                                 [](const auto& header) { return is_credential_header(header.first); });
}

response to_response(http_response&& message, const http_url& url, int redirects, bool via_proxy)
{
    response result;
    result.status = message.result_int();
    for (const auto& field : message)
        result.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    result.body = std::move(message.body());
    result.final_url = url.text;
    result.redirects = redirects;
    result.via_proxy = via_proxy;
    return result;
}

std::string plain_http_refusal(const http_url& url)
{
    return "refusing to send the API key over plain HTTP to " + url.authority() +
           " (not a loopback host); use an https:// URL";
}

}  // namespace

struct client::impl {
    impl(asio::any_io_executor executor, client_options options);

    asio::awaitable<outcome> fetch_scrubbed(request req);
    asio::awaitable<outcome> fetch(request req);
    asio::awaitable<exchange_result> send(const route& r, const http_request& message);
    void tell(const http_url& url, const http_request& message, const exchange_result& result,
              clock::time_point started) const;
    void tell_refused(const http_url& url, const request& req, const failure& why) const;
    route route_for(const http_url& url) const;
    std::optional<std::string> policy_refusal(const route& r, bool with_key) const;
    bool ready_for_tls();
    void keep_idle(const std::string& key, std::unique_ptr<connection> conn);
    std::unique_ptr<connection> take_idle(const std::string& key);

    asio::any_io_executor executor_;
    client_options options_;
    std::string setup_error_;  ///< a bad --cacert file or proxy URL: every request fails with it
    tls_sessions sessions_;    ///< before tls_: the context refers to it, and goes first
    std::unique_ptr<asio::ssl::context> tls_;
    struct loaded_tls {
        std::unique_ptr<asio::ssl::context> context;
        std::string error;
    };
    std::future<loaded_tls> tls_loading_;  ///< from prepare_tls(), taken by the first https request
    std::optional<proxy_config> proxy_;
    host_slots slots_{max_in_flight_per_host};
    // Declared last: connections refer to tls_ and must go first.
    std::map<std::string, std::vector<std::unique_ptr<connection>>> idle_;
};

client::impl::impl(asio::any_io_executor executor, client_options options)
    : executor_(std::move(executor)), options_(std::move(options)), sessions_(options_.shared_handshake_wait)
{
    if (options_.proxy && !options_.proxy->empty()) {
        std::string error;
        proxy_ = parse_proxy_url(*options_.proxy, error);
        if (!proxy_ && setup_error_.empty()) setup_error_ = "invalid proxy URL: " + error;
    }
}

route client::impl::route_for(const http_url& url) const
{
    route r{url, apply_connect_to(options_.connect_tos, url.host, url.port), std::nullopt};
    if (proxy_ && !no_proxy_matches(options_.no_proxy, url.host, url.port)) r.proxy = proxy_;
    return r;
}

void client::impl::keep_idle(const std::string& key, std::unique_ptr<connection> conn)
{
    auto& idle = idle_[key];
    if (idle.size() < max_idle_per_key) idle.push_back(std::move(conn));
}

// The most recently used idle connection that still looks open, if any.
std::unique_ptr<connection> client::impl::take_idle(const std::string& key)
{
    auto& idle = idle_[key];
    while (!idle.empty()) {
        auto conn = std::move(idle.back());
        idle.pop_back();
        if (conn->looks_alive()) return conn;
    }
    return nullptr;
}

// An idle connection first; when it turns out the server had closed it, once more on a
// fresh one. Only requests that may be repeated are retried (a POST could have been
// acted on even though no answer came back). Concurrent requests never share a
// connection: each takes its own.
asio::awaitable<exchange_result> client::impl::send(const route& r, const http_request& message)
{
    const std::string key = r.pool_key();
    const auto slot = co_await slots_.take(key);
    const exchange_limits limits{options_.timeout, options_.max_body};
    const auto method = message.method();
    const bool repeatable = method == http::verb::get || method == http::verb::head || method == http::verb::options ||
                            method == http::verb::put || method == http::verb::delete_;
    for (int attempt = 0;; ++attempt) {
        std::unique_ptr<connection> conn;
        if (attempt == 0) conn = take_idle(key);
        if (conn && r.loopback_only && !conn->on_loopback()) conn.reset();  // opened without a key
        const bool reused = conn != nullptr;
        if (!conn) {
            conn = std::make_unique<connection>(executor_);
            if (auto refused = co_await conn->open(r, tls_.get(), options_.timeout)) {
                exchange_result result;
                result.fail = std::move(*refused);
                co_return result;
            }
        }
        auto result = co_await conn->exchange(message, limits, reused);
        result.tls_resumed = !reused && conn->tls_resumed();
        if (result.stale && repeatable && attempt == 0) continue;
        if (result.response && conn->reusable()) keep_idle(key, std::move(conn));
        co_return result;
    }
}

namespace {

header_list headers_of(const auto& message)
{
    header_list headers;
    for (const auto& field : message)
        headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    return headers;
}

}  // namespace

void client::impl::tell(const http_url& url, const http_request& message, const exchange_result& result,
                        clock::time_point started) const
{
    if (!options_.on_exchange) return;
    exchange_record record;
    record.method = std::string(message.method_string());
    record.url = url_for_trace(url);
    record.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started);
    record.bytes_sent = result.bytes_sent;
    record.bytes_received = result.bytes_received;
    record.tls_resumed = result.tls_resumed;
    record.request_headers = headers_of(message);
    if (result.response) {
        record.answered = true;
        record.status = result.response->result_int();
        record.reason = std::string(result.response->reason());
        record.response_headers = headers_of(*result.response);
    } else {
        record.fail = result.fail;
    }
    options_.on_exchange(record);
}

// A request the policy kept from being sent is an exchange that failed before its first byte.
void client::impl::tell_refused(const http_url& url, const request& req, const failure& why) const
{
    if (!options_.on_exchange) return;
    exchange_record record;
    record.method = req.method;
    record.url = url_for_trace(url);
    record.fail = why;
    options_.on_exchange(record);
}

// Loading the system store takes a while: a run that makes no https request skips it.
bool client::impl::ready_for_tls()
{
    if (!setup_error_.empty()) return false;  // a bad proxy URL or --cacert file: nothing is sent
    if (!tls_) {
        loaded_tls loaded;
        if (tls_loading_.valid()) loaded = tls_loading_.get();
        else loaded.context = make_tls_context(options_.cacert_files, loaded.error);
        if (!loaded.context) {
            setup_error_ = std::move(loaded.error);
            return false;
        }
        tls_ = std::move(loaded.context);
        sessions_.serve(tls_->native_handle());
    }
    return true;
}

// Where the key may not go: plain HTTP to another machine, directly or through a proxy.
std::optional<std::string> client::impl::policy_refusal(const route& r, bool with_key) const
{
    if (!with_key || r.url.https) return std::nullopt;
    if (!is_loopback_host(r.url.host)) return plain_http_refusal(r.url);
    if (r.proxy && !is_loopback_host(r.proxy->host))
        return "refusing to send the API key over plain HTTP through proxy " + r.proxy->authority();
    return std::nullopt;
}

asio::awaitable<outcome> client::impl::fetch(request req)
{
    const auto started = clock::now();
    if (!setup_error_.empty()) co_return failed(error_class::config, "config", setup_error_);
    std::string error;
    auto url = parse_http_url(req.url, error);
    if (!url) co_return failed(error_class::config, "config", error);
    if (auto problem = unsendable(req)) co_return failed(error_class::config, "config", std::move(*problem));
    if (url_holds_credential(req.url, req))
        co_return failed(error_class::config, "policy",
                         "refusing to send a request to a URL that holds the API key (" + url->authority() + ")");

    // The key goes only to the origin it was given for, and never comes back once dropped.
    const http_url origin = *url;
    const bool has_credentials = carries_credentials(req);
    bool at_origin = true;
    for (int redirects = 0;; ++redirects) {
        const bool with_key = has_credentials && at_origin;
        route r = route_for(*url);
        r.loopback_only = with_key && !url->https;
        if (url->https && !ready_for_tls()) {
            auto result = failed(error_class::config, "config", setup_error_);
            tell_refused(*url, req, result.fail);
            co_return result;
        }
        if (auto refusal = policy_refusal(r, with_key)) {
            auto result = failed(error_class::config, "policy", std::move(*refusal));
            tell_refused(*url, req, result.fail);
            co_return result;
        }

        const auto sent = build_request(req, *url, at_origin, options_.user_agent);
        const auto sent_at = clock::now();
        auto exchanged = co_await send(r, sent);
        tell(*url, sent, exchanged, sent_at);
        if (!exchanged.response) co_return outcome{std::nullopt, std::move(exchanged.fail)};
        http_response& message = *exchanged.response;
        const auto location = message.find(http::field::location);
        if (!req.follow_redirects || !is_redirect(message.result_int()) || location == message.end()) {
            outcome result{to_response(std::move(message), *url, redirects, r.proxy.has_value()), {}};
            result.resp->elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started);
            co_return result;
        }

        if (redirects >= options_.max_redirects)
            co_return failed(error_class::bad_response, "redirect",
                             "too many redirects (more than " + std::to_string(options_.max_redirects) +
                                 ") starting at " + origin.authority() + ", last at " + url->authority());
        if (url_holds_credential(location->value(), req))
            co_return failed(error_class::bad_response, "redirect",
                             "refusing to follow a redirect from " + url->authority() +
                                 " to a URL that holds the API key");
        auto next = resolve_location(*url, location->value(), error);
        if (!next) co_return failed(error_class::bad_response, "redirect", error + " from " + url->authority());
        if (with_key && url->https && !next->https && !is_loopback_host(next->host))
            co_return failed(
                error_class::config, "policy",
                "refusing to follow a redirect from https to plain HTTP at " + next->authority() + " with an API key");
        if (!same_origin(*next, origin)) at_origin = false;
        follow_method(req, message.result_int());
        url = std::move(next);
    }
}

// Messages are built from host names, ports and library errors, never from the key;
// this is the last guard should a URL or a server's text ever contain it.
asio::awaitable<outcome> client::impl::fetch_scrubbed(request req)
{
    const std::optional<std::string> key = req.bearer;
    outcome result = co_await fetch(std::move(req));
    if (key && key->size() >= 8) {
        for (auto at = result.fail.message.find(*key); at != std::string::npos; at = result.fail.message.find(*key))
            result.fail.message.replace(at, key->size(), "[API key]");
    }
    co_return result;
}

client::client(asio::any_io_executor executor, client_options options)
    : impl_(std::make_unique<impl>(std::move(executor), std::move(options)))
{
}

client::~client() = default;

void client::prepare_tls()
{
    if (impl_->tls_ || impl_->tls_loading_.valid()) return;
    impl_->tls_loading_ = std::async(std::launch::async, [files = impl_->options_.cacert_files] {
        impl::loaded_tls out;
        out.context = make_tls_context(files, out.error);
        return out;
    });
}

asio::awaitable<outcome> client::fetch(request req) { return impl_->fetch_scrubbed(std::move(req)); }

const client_options& client::options() const { return impl_->options_; }

}  // namespace ngd::net
