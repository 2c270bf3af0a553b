#pragma once
/// The OpenRouter API calls the checks make, over net::client. Each gives either the
/// typed answer or an error that says what went wrong at which stage, keeping the raw
/// HTTP answer, the server's own message and a curl line that reproduces the request.
#include "net/client.hpp"
#include "net/http.hpp"
#include "openrouter/catalog_reads.hpp"
#include "openrouter/chat.hpp"
#include "openrouter/credits.hpp"
#include "openrouter/endpoints.hpp"
#include "openrouter/error_envelope.hpp"
#include "openrouter/generation.hpp"
#include "openrouter/key_info.hpp"
#include "openrouter/model.hpp"
#include "openrouter/providers.hpp"
#include "openrouter/rate_limit.hpp"
#include "openrouter/statuspage.hpp"
#include "openrouter/url.hpp"

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ngd::openrouter {

/// Why a call gave no typed answer.
struct api_error {
    /// Transport class (dns, tls, timeout, ...) when no answer came; the status class
    /// (http_401, http_5xx, ...) for an HTTP error; bad_response for a 2xx that is HTML,
    /// not JSON or of the wrong shape.
    net::error_class cls = net::error_class::none;
    int status = 0;                ///< HTTP status; 0 when no answer came
    std::string stage;             ///< the transport stage ("connect", "tls", ...), "http" or "parse"
    std::string proxy;             ///< the proxy's host:port when the proxy hop failed (cls proxy)
    std::string server_message;    ///< the server's own error text, to quote; empty when none
    std::string detail;            ///< one line for a person: what failed (never a key)
    std::optional<error_envelope> envelope;  ///< the parsed error body, when it was one
    std::string url;               ///< the URL asked for
    bool html = false;             ///< the answer was an HTML page (a 404 one means a wrong base URL)
    rate_limit_headers rate_limit; ///< X-RateLimit-* headers, else those echoed in the body
    std::optional<openrouter::retry_after> retry_after;
};

/// The typed answer of one call, or why there is none.
template <class T>
struct api_result {
    std::optional<T> value;
    api_error error;                 ///< meaningful only when there is no value
    std::optional<net::response> raw;  ///< the HTTP answer, when one came (headers, timing)
    std::string url;                 ///< the URL asked for (after get_key's fallback, the /auth/key one)
    std::string curl;                ///< reproduces the request with $OPENROUTER_API_KEY, never the key

    bool ok() const { return value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T& operator*() const { return *value; }
    const T* operator->() const { return &*value; }
};

/// The prompt of the inference probe.
inline constexpr std::string_view probe_prompt = "Reply with the single word: pong";

/// GET {base}/key; when that is a 404, GET {base}/auth/key (older deployments).
boost::asio::awaitable<api_result<key_info>> get_key(net::client& http, std::string_view base_url,
                                                     std::string_view key);

/// GET {base}/credits (answers 403 unless the key is a management key).
boost::asio::awaitable<api_result<credits>> get_credits(net::client& http, std::string_view base_url,
                                                        std::string_view key);

/// GET {base}/generation?id={id}: what OpenRouter recorded about one generation. A 404 may
/// mean the id is unknown to this key's account, or that it is not indexed yet (the record
/// appears shortly after the generation ends).
boost::asio::awaitable<api_result<generation>> get_generation(net::client& http, std::string_view base_url,
                                                              std::string_view key, std::string_view id);

/// GET {base}/models; `key` may be empty (the catalog is public). With `reads`, a body
/// already read in this run is not parsed again.
boost::asio::awaitable<api_result<model_list>> list_models(net::client& http, std::string_view base_url,
                                                           std::string_view key = {},
                                                           catalog_reads* reads = nullptr);

/// GET {base}/model/{author}/{slug}: one model (aliases and :variant suffixes resolve); 404 if unknown.
boost::asio::awaitable<api_result<model>> get_model(net::client& http, std::string_view base_url,
                                                    const model_ref& model, std::string_view key = {});

/// GET {base}/models/user: the catalog as this key may use it; `reads` as for list_models.
boost::asio::awaitable<api_result<model_list>> list_user_models(net::client& http, std::string_view base_url,
                                                                std::string_view key,
                                                                catalog_reads* reads = nullptr);

/// GET {base}/models/{author}/{slug}/endpoints.
boost::asio::awaitable<api_result<endpoint_list>> list_endpoints(net::client& http, std::string_view base_url,
                                                                 const model_ref& model,
                                                                 std::string_view key = {});

/// GET {base}/providers.
boost::asio::awaitable<api_result<provider_list>> list_providers(net::client& http, std::string_view base_url);

/// GET {page}/api/v2/status.json of a status page; never sends a key.
boost::asio::awaitable<api_result<status_page_state>> statuspage_status(net::client& http,
                                                                        std::string_view page_url);

/// GET {page}/api/v2/summary.json of a status page; never sends a key.
boost::asio::awaitable<api_result<status_page_summary>> statuspage_summary(net::client& http,
                                                                           std::string_view page_url);

/// POST {base}/chat/completions with `model`, one short user message and max_tokens 16.
boost::asio::awaitable<api_result<chat_completion>> chat_completion_probe(net::client& http,
                                                                          std::string_view base_url,
                                                                          std::string_view key,
                                                                          std::string_view model);

/// The wire API a model adapter speaks to its server.
enum class inference_api { chat_completions, responses };

/// The inference probe over `api`: one short user message, at most 16 output tokens.
boost::asio::awaitable<api_result<chat_completion>> inference_probe(net::client& http, std::string_view base_url,
                                                                    std::string_view key, std::string_view model,
                                                                    inference_api api);

/// The GET request for `path` under `base_url`; `key` empty = no Authorization.
net::request make_get(std::string_view base_url, std::string_view path, std::string_view key);
/// The POST request of chat_completion_probe.
net::request make_chat_probe(std::string_view base_url, std::string_view key, std::string_view model);
/// The POST {base}/responses request of the probe over the Responses API.
net::request make_responses_probe(std::string_view base_url, std::string_view key, std::string_view model);

/// A parser of a 2xx body (parse_key_info, parse_model_list, ...).
template <class T>
using body_parser = std::function<parse_result<T>(std::string_view)>;

/// Turns an outcome into a result, with `parse` for a 2xx body; the shared path of every
/// call, usable on recorded answers. Instantiated for the value types above.
template <class T>
api_result<T> interpret(const net::request& req, const net::outcome& out, body_parser<T> parse);

/// The same with a parser function, whose T is deduced from it.
template <class T>
api_result<T> interpret(const net::request& req, const net::outcome& out, parse_result<T> (*parse)(std::string_view))
{
    return interpret<T>(req, out, body_parser<T>(parse));
}

}  // namespace ngd::openrouter
