// base_url.reach: GET {base}/models must give 200 JSON. Each stage is told apart: DNS,
// TCP, TLS, proxy, HTTP; an HTML 404 means the path is wrong, not the key.
#include "checks/config_edit.hpp"
#include "checks/common.hpp"
#include "checks/network.hpp"

namespace ngd::checks {
namespace {

using net::error_class;


std::string seconds(std::chrono::milliseconds ms)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.2f s", static_cast<double>(ms.count()) / 1000.0);
    return text;
}

finding wrong_path(const doctor::target& t, const openrouter::api_error& e, const std::string& curl)
{
    const std::string fix_url = targets_openrouter(t) ? openrouter_base_for(t) : "the server's API base (often ending in /v1)";
    return doctor::fail("GET " + e.url + " answered " + std::to_string(e.status) +
                            " with an HTML page: the base URL points at a website, not the API",
                        e.status == 404 ? error_class::http_404 : e.cls,
                        targets_openrouter(t) ? with_edit({"set " + place(t.base_url) + " to " + fix_url, {curl}},
                                                          edit_of(t.base_url, fix_url))
                                              : doctor::fix{"set " + place(t.base_url) + " to " + fix_url, {curl}},
                        {e.detail});
}

finding with(finding f, const std::vector<std::string>& details)
{
    f.details.insert(f.details.end(), details.begin(), details.end());
    return f;
}

}  // namespace

result base_url_reach(check_context& ctx)
{
    const doctor::target& t = *ctx.tgt;
    const std::string base = base_of(t);
    const std::string key = key_of(t);
    const auto* answer = co_await ctx.run.fetched->models(base, key);
    const auto& e = answer->error;
    std::vector<std::string> details;
    if (answer->raw) {
        if (answer->raw->via_proxy) details.push_back("through a proxy (HTTPS_PROXY / --proxy)");
        if (answer->raw->redirects > 0) details.push_back("redirected to " + answer->raw->final_url);
    }
    if (answer->ok()) {
        const auto& catalog = *answer->value;
        details.push_back("answered in " + seconds(answer->raw ? answer->raw->elapsed : std::chrono::milliseconds(0)));
        co_return doctor::ok(base + " answers: " + std::to_string(catalog.data.size()) + " models listed", details);
    }
    // A website's page where the API should answer means a wrong path; a CDN's 5xx page
    // is a server failure like any other.
    if (e.html && (e.status == 404 || (e.status >= 200 && e.status < 300)))
        co_return with(wrong_path(t, e, answer->curl), details);
    switch (e.cls) {
    case error_class::http_404:
        co_return with(doctor::fail("GET " + e.url + " answered 404: there is no /models here, so the base "
                                    "URL's path is wrong",
                                    error_class::http_404,
                                    {"set " + place(t.base_url) + " to the API base" +
                                         (targets_openrouter(t) ? " " + openrouter_base_for(t) : std::string()),
                                     {answer->curl}},
                                    {e.detail}),
                       details);
    case error_class::http_401:
    case error_class::http_403:
        co_return with(doctor::fail("the server is reachable but refused GET /models with " +
                                        std::to_string(e.status) +
                                        (e.server_message.empty() ? std::string() : ": " + quoted(e.server_message)),
                                    e.cls,
                                    targets_openrouter(t) ? new_key_fix(t, answer->curl)
                                                          : doctor::fix{"check the key the server expects in " +
                                                                            place(t.api_key),
                                                                        {answer->curl}},
                                    {e.detail}),
                       details);
    case error_class::http_429:
        co_return with(doctor::warn("the server is reachable but rate-limits requests (429)",
                                    {"wait and run again; lower the run's concurrency if this persists",
                                     {answer->curl}},
                                    {e.detail}),
                       details);
    default: break;
    }
    co_return with(unanswered(e, "GET " + e.url, answer->curl), details);
}

}  // namespace ngd::checks
