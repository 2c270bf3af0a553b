#include "openrouter/status_redirect.hpp"

#include "net/url.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>

namespace ngd::openrouter {
using namespace boost::asio::experimental::awaitable_operators;

namespace {

bool is_redirect(int status) { return status == 301 || status == 302 || status == 303 || status == 307 || status == 308; }

// The page answered with a redirect whose Location is exactly the request guessed.
bool confirms(const net::request& asked, const net::outcome& answer, const net::request& guessed)
{
    if (!answer.ok() || !is_redirect(answer.resp->status)) return false;
    const auto location = answer.resp->header("Location");
    std::string error;
    const auto from = net::parse_http_url(asked.url, error);
    if (!location || !from) return false;
    const auto to = net::resolve_location(*from, *location, error);
    const auto guess = net::parse_http_url(guessed.url, error);
    return to && guess && to->https == guess->https && to->host == guess->host && to->port == guess->port &&
           to->target == guess->target;
}

}  // namespace

boost::asio::awaitable<api_result<status_page_state>> statuspage_status_via(net::client& http,
                                                                            std::string_view page_url,
                                                                            std::string_view target_url)
{
    net::request page = make_get(page_url, "api/v2/status.json", {});
    page.follow_redirects = false;
    const net::request target = make_get(target_url, "api/v2/status.json", {});
    // Named awaitables: GCC 12 mishandles temporaries inside co_await expressions.
    auto asking_page = http.fetch(page);
    auto asking_target = http.fetch(target);
    auto [page_answer, target_answer] = co_await (std::move(asking_page) && std::move(asking_target));
    if (confirms(page, page_answer, target)) co_return interpret(target, target_answer, parse_statuspage_status);
    if (!page_answer.ok() || !is_redirect(page_answer.resp->status))
        co_return interpret(page, page_answer, parse_statuspage_status);
    co_return co_await statuspage_status(http, page_url);  // the page moved elsewhere: follow it
}

}  // namespace ngd::openrouter
