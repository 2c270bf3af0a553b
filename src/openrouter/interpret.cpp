#include "openrouter/api.hpp"

#include "openrouter/curl.hpp"

namespace ngd::openrouter {

namespace {

std::string describe_status(const net::request& req, const net::response& resp)
{
    std::string text = req.method + " " + req.url + " answered HTTP " + std::to_string(resp.status);
    if (resp.is_html()) text += " with an HTML page";
    return text;
}

// An HTTP error: class by status; the message, envelope and limits from the body and headers.
api_error http_error(const net::request& req, const net::response& resp)
{
    api_error e;
    e.cls = net::classify_status(resp.status);
    if (e.cls == net::error_class::none) e.cls = net::error_class::bad_response;  // 1xx/3xx left over
    e.status = resp.status;
    e.stage = "http";
    e.url = req.url;
    e.html = resp.is_html();
    e.detail = describe_status(req, resp);
    if (!e.html) {
        if (auto envelope = parse_error_envelope(resp.body)) {
            e.server_message = envelope->message;
            e.envelope = std::move(*envelope.value);
        } else if (auto message = loose_error_message(resp.body)) {
            e.server_message = std::move(*message);
        }
    }
    if (!e.server_message.empty()) e.detail += ": \"" + e.server_message + "\"";
    e.rate_limit = read_rate_limit_headers(resp.headers);
    if (e.rate_limit.empty() && e.envelope && e.envelope->metadata) e.rate_limit = e.envelope->metadata->headers;
    e.retry_after = read_retry_after(resp.headers);
    return e;
}

api_error shape_error(const net::request& req, const net::response& resp, const parse_error& error)
{
    api_error e;
    e.cls = net::error_class::bad_response;
    e.status = resp.status;
    e.stage = "parse";
    e.url = req.url;
    e.html = resp.is_html();
    e.detail = req.method + " " + req.url + " answered HTTP " + std::to_string(resp.status) +
               " but not as expected: " + error.text();
    return e;
}

api_error transport_error(const net::request& req, const net::failure& fail)
{
    api_error e;
    e.cls = fail.cls == net::error_class::none ? net::error_class::connect : fail.cls;
    e.stage = fail.stage;
    e.proxy = fail.proxy;
    e.url = req.url;
    e.detail = fail.message.empty() ? req.method + " " + req.url + " failed" : fail.message;
    return e;
}

}  // namespace

template <class T>
api_result<T> interpret(const net::request& req, const net::outcome& out, body_parser<T> parse)
{
    api_result<T> result;
    result.url = req.url;
    result.curl = curl_line(req);
    if (!out.ok()) {
        result.error = transport_error(req, out.fail);
        return result;
    }
    result.raw = *out.resp;
    const net::response& resp = *out.resp;
    if (resp.status < 200 || resp.status > 299) {
        result.error = http_error(req, resp);
        return result;
    }
    auto parsed = parse(resp.body);
    if (parsed) result.value = std::move(*parsed.value);
    else result.error = shape_error(req, resp, parsed.error);
    return result;
}

template api_result<key_info> interpret(const net::request&, const net::outcome&, body_parser<key_info>);
template api_result<generation> interpret(const net::request&, const net::outcome&, body_parser<generation>);
template api_result<credits> interpret(const net::request&, const net::outcome&, body_parser<credits>);
template api_result<model_list> interpret(const net::request&, const net::outcome&, body_parser<model_list>);
template api_result<model> interpret(const net::request&, const net::outcome&, body_parser<model>);
template api_result<endpoint_list> interpret(const net::request&, const net::outcome&,
                                             body_parser<endpoint_list>);
template api_result<provider_list> interpret(const net::request&, const net::outcome&,
                                             body_parser<provider_list>);
template api_result<status_page_state> interpret(const net::request&, const net::outcome&,
                                                 body_parser<status_page_state>);
template api_result<status_page_summary> interpret(const net::request&, const net::outcome&,
                                                   body_parser<status_page_summary>);
template api_result<chat_completion> interpret(const net::request&, const net::outcome&,
                                               body_parser<chat_completion>);

net::request make_get(std::string_view base_url, std::string_view path, std::string_view key)
{
    net::request req;
    req.method = "GET";
    req.url = join_url(base_url, path);
    if (!key.empty()) req.bearer = std::string(key);
    return req;
}

net::request make_chat_probe(std::string_view base_url, std::string_view key, std::string_view model)
{
    net::request req = make_get(base_url, "chat/completions", key);
    req.method = "POST";
    req.headers.emplace_back("Content-Type", "application/json");
    req.body = chat_probe_body(model, probe_prompt, 16);
    return req;
}

net::request make_responses_probe(std::string_view base_url, std::string_view key, std::string_view model)
{
    net::request req = make_get(base_url, "responses", key);
    req.method = "POST";
    req.headers.emplace_back("Content-Type", "application/json");
    req.body = responses_probe_body(model, probe_prompt, 16);
    return req;
}

}  // namespace ngd::openrouter
