#include "simulator/status_site.hpp"

#include "simulator/clock.hpp"
#include "simulator/status_pages.hpp"

namespace ngd::sim {
namespace {

namespace json = boost::json;

std::string html_escaped(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

json::object page_object(const status_page& page, std::int64_t now_unix)
{
    return {{"id", page.page_id},
            {"name", page.name},
            {"url", "https://" + page.host},
            {"time_zone", "Etc/UTC"},
            {"updated_at", iso_time(now_unix - 300)}};
}

json::object status_object(const status_page& page)
{
    return {{"indicator", page.indicator},
            {"description", page.description.empty() ? indicator_description(page.indicator) : page.description}};
}

json::array unresolved(const json::array& incidents)
{
    json::array open;
    for (const auto& incident : incidents) {
        const auto& status = incident.as_object().at("status");
        if (status != "resolved" && status != "postmortem") open.push_back(incident);
    }
    return open;
}

reply statuspage_json(const incoming& request, const status_page& page, std::int64_t now_unix)
{
    const auto& path = request.path;
    json::object body{{"page", page_object(page, now_unix)}};
    if (path == "/api/v2/status.json") {
        body["status"] = status_object(page);
    } else if (path == "/api/v2/summary.json") {
        body["status"] = status_object(page);
        body["components"] = page.components;
        if (page.summary_has_incidents) body["incidents"] = unresolved(page.incidents);
        body["scheduled_maintenances"] = json::array{};
    } else if (path == "/api/v2/components.json") {
        body["components"] = page.components;
    } else if (path == "/api/v2/incidents/unresolved.json") {
        body["incidents"] = unresolved(page.incidents);
    } else if (path == "/api/v2/incidents.json") {
        body["incidents"] = page.incidents;
    } else if (path == "/api/v2/scheduled-maintenances.json" || path == "/api/v2/scheduled-maintenances/upcoming.json" ||
               path == "/api/v2/scheduled-maintenances/active.json") {
        body["scheduled_maintenances"] = json::array{};
    } else {
        return json_reply(404, R"({"error":"Not found"})");
    }
    auto r = json_reply(200, json::serialize(body));
    r.headers = {{"Access-Control-Allow-Origin", "*"}, {"Cache-Control", "max-age=30"}};
    return r;
}

std::string rss_feed(const status_page& page, std::int64_t now_unix)
{
    std::string items;
    for (const auto& incident : page.incidents) {
        const auto& i = incident.as_object();
        const auto& updates = i.at("incident_updates").as_array();
        const std::string text = updates.empty() ? "" : std::string(updates[0].as_object().at("body").as_string());
        items += "<item><title>" + html_escaped(i.at("name").as_string()) + "</title><description>" + html_escaped(text) +
                 "</description><pubDate>" + rfc1123_time(now_unix - 1800) + "</pubDate><link>https://" + page.host +
                 "/incidents/" + std::string(i.at("id").as_string()) + "</link><guid>https://" + page.host + "/incidents/" +
                 std::string(i.at("id").as_string()) + "</guid></item>";
    }
    return R"(<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>)" + html_escaped(page.name) +
           " status</title><link>https://" + page.host + "</link><description>Incident history</description>" + items +
           "</channel></rss>";
}

reply rss_reply(const status_page& page, std::int64_t now_unix)
{
    auto r = json_reply(200, rss_feed(page, now_unix));
    r.content_type = "application/rss+xml; charset=utf-8";
    return r;
}

reply status_home(const status_page& page)
{
    std::string rows;
    for (const auto& component : page.components) {
        const auto& c = component.as_object();
        rows += "<li>" + html_escaped(c.at("name").as_string()) + ": " + html_escaped(c.at("status").as_string()) + "</li>";
    }
    return html_reply(200, "<!DOCTYPE html><html><head><title>" + html_escaped(page.name) + " Status</title></head><body><h1>" +
                               html_escaped(page.description.empty() ? indicator_description(page.indicator) : page.description) +
                               "</h1><ul>" + rows + "</ul></body></html>");
}

reply not_found_page()
{
    return html_reply(404, "<!DOCTYPE html><html><head><title>Page not found</title></head><body><h1>404</h1></body></html>");
}

reply serve_statuspage(const incoming& request, const status_page& page, std::int64_t now_unix)
{
    if (request.path.starts_with("/api/v2/")) return statuspage_json(request, page, now_unix);
    if (request.path == "/" || request.path.empty()) return status_home(page);
    if (request.path == "/history.rss" || request.path == "/feed.rss") return rss_reply(page, now_unix);
    if (request.path == "/history.atom") {
        auto r = rss_reply(page, now_unix);
        r.content_type = "application/atom+xml; charset=utf-8";
        return r;
    }
    return not_found_page();
}

reply serve_redirect(const incoming& request, const status_page& page)
{
    reply r = html_reply(302, "<html><body>You are being <a href=\"https://" + page.redirect_to + "\">redirected</a>.</body></html>");
    r.headers = {{"Location", "https://" + page.redirect_to + request.target}};
    return r;
}

// OnlineOrNot: no public JSON API; the page is a JavaScript shell, incidents come as RSS.
reply serve_onlineornot(const incoming& request, const status_page& page, std::int64_t now_unix)
{
    if (request.path.starts_with("/api/"))
        return html_reply(403, "<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1></body></html>");
    if (request.path == "/incidents.rss") return rss_reply(page, now_unix);
    if (request.path == "/" || request.path.empty())
        return html_reply(200, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"/><title>" +
                                   html_escaped(page.name) +
                                   " Status</title><script type=\"module\" src=\"/assets/entry.client-8f3a2c1b.js\"></script>"
                                   "</head><body><div id=\"root\"></div><script>window.__remixContext = {};</script></body></html>");
    return not_found_page();
}

}  // namespace

reply serve_status_page(const incoming& request, const status_page& page, std::int64_t now_unix)
{
    switch (page.kind) {
    case status_page_kind::redirect: return serve_redirect(request, page);
    case status_page_kind::onlineornot: return serve_onlineornot(request, page, now_unix);
    case status_page_kind::statuspage: break;
    }
    return serve_statuspage(request, page, now_unix);
}

}  // namespace ngd::sim
