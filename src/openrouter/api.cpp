#include "openrouter/api.hpp"

#include <cctype>

namespace ngd::openrouter {

namespace {

template <class T>
boost::asio::awaitable<api_result<T>> call(net::client& http, net::request req, body_parser<T> parse)
{
    const net::outcome out = co_await http.fetch(req);
    co_return interpret(req, out, parse);
}

}  // namespace

boost::asio::awaitable<api_result<key_info>> get_key(net::client& http, std::string_view base_url,
                                                     std::string_view key)
{
    auto current = co_await call<key_info>(http, make_get(base_url, "key", key), parse_key_info);
    if (current.ok() || current.error.status != 404) co_return current;
    auto legacy = co_await call<key_info>(http, make_get(base_url, "auth/key", key), parse_key_info);
    // When both routes are missing, the answer for the current route says more.
    co_return legacy.error.status == 404 ? current : legacy;
}

boost::asio::awaitable<api_result<credits>> get_credits(net::client& http, std::string_view base_url,
                                                        std::string_view key)
{
    co_return co_await call<credits>(http, make_get(base_url, "credits", key), parse_credits);
}

boost::asio::awaitable<api_result<generation>> get_generation(net::client& http, std::string_view base_url,
                                                              std::string_view key, std::string_view id)
{
    // Percent-encoded: an id is only read from logs, so it is never trusted to be URL-safe.
    std::string query = "generation?id=";
    static constexpr char hex[] = "0123456789ABCDEF";
    for (const unsigned char c : id) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            query += static_cast<char>(c);
        } else {
            query += '%';
            query += hex[c >> 4];
            query += hex[c & 0xF];
        }
    }
    co_return co_await call<generation>(http, make_get(base_url, query, key), parse_generation);
}

namespace {

body_parser<model_list> catalog_parser(catalog_reads* reads)
{
    if (!reads) return parse_model_list;
    return [reads](std::string_view body) { return reads->parse(body); };
}

}  // namespace

boost::asio::awaitable<api_result<model_list>> list_models(net::client& http, std::string_view base_url,
                                                           std::string_view key, catalog_reads* reads)
{
    co_return co_await call<model_list>(http, make_get(base_url, "models", key), catalog_parser(reads));
}

boost::asio::awaitable<api_result<model>> get_model(net::client& http, std::string_view base_url,
                                                    const model_ref& model, std::string_view key)
{
    co_return co_await call<struct model>(http, make_get(base_url, "model/" + model_path(model), key),
                                          parse_single_model);
}

boost::asio::awaitable<api_result<model_list>> list_user_models(net::client& http, std::string_view base_url,
                                                                std::string_view key, catalog_reads* reads)
{
    co_return co_await call<model_list>(http, make_get(base_url, "models/user", key), catalog_parser(reads));
}

boost::asio::awaitable<api_result<endpoint_list>> list_endpoints(net::client& http, std::string_view base_url,
                                                                 const model_ref& model, std::string_view key)
{
    const auto path = "models/" + model_path(model) + "/endpoints";
    co_return co_await call<endpoint_list>(http, make_get(base_url, path, key), parse_endpoint_list);
}

boost::asio::awaitable<api_result<provider_list>> list_providers(net::client& http, std::string_view base_url)
{
    co_return co_await call<provider_list>(http, make_get(base_url, "providers", {}), parse_provider_list);
}

boost::asio::awaitable<api_result<status_page_state>> statuspage_status(net::client& http,
                                                                        std::string_view page_url)
{
    co_return co_await call<status_page_state>(http, make_get(page_url, "api/v2/status.json", {}),
                                               parse_statuspage_status);
}

boost::asio::awaitable<api_result<status_page_summary>> statuspage_summary(net::client& http,
                                                                           std::string_view page_url)
{
    co_return co_await call<status_page_summary>(http, make_get(page_url, "api/v2/summary.json", {}),
                                                 parse_statuspage_summary);
}

boost::asio::awaitable<api_result<chat_completion>> chat_completion_probe(net::client& http,
                                                                          std::string_view base_url,
                                                                          std::string_view key,
                                                                          std::string_view model)
{
    co_return co_await call<chat_completion>(http, make_chat_probe(base_url, key, model), parse_chat_completion);
}

boost::asio::awaitable<api_result<chat_completion>> inference_probe(net::client& http, std::string_view base_url,
                                                                    std::string_view key, std::string_view model,
                                                                    inference_api api)
{
    if (api == inference_api::responses)
        co_return co_await call<chat_completion>(http, make_responses_probe(base_url, key, model),
                                                 parse_response_object);
    co_return co_await call<chat_completion>(http, make_chat_probe(base_url, key, model), parse_chat_completion);
}

}  // namespace ngd::openrouter
