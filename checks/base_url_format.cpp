// base_url.format: the base URL as written. NeMo Gym appends /responses or
// /chat/completions to it, so OpenRouter's must be exactly https://openrouter.ai/api/v1
// (or the same path on a regional host, eu.openrouter.ai or us.openrouter.ai).
#include "checks/config_edit.hpp"
#include "checks/shell_command.hpp"
#include "checks/checks.hpp"
#include "checks/common.hpp"
#include "doctor/run_context.hpp"
#include "net/url.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <cctype>

namespace ngd::checks {
namespace {

using net::error_class;

constexpr std::string_view openrouter_base = "https://openrouter.ai/api/v1";

doctor::fix set_to(const doctor::target& t, std::string_view url, std::string because = {})
{
    std::string text = "set " + place(t.base_url) + " to " + std::string(url);
    if (!because.empty()) text += " (" + because + ")";
    return with_edit({text, {"curl " + shell_word(std::string(url) + "/models")}}, edit_of(t.base_url, std::string(url)));
}

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

/// Path rules for any OpenAI-compatible server: the adapter adds the endpoint itself.
std::optional<finding> endpoint_in_path(const doctor::target& t, std::string_view path, std::string_view url)
{
    for (const std::string_view endpoint : {"/chat/completions", "/completions", "/responses", "/models"}) {
        std::string_view trimmed = path;
        if (trimmed.ends_with('/')) trimmed.remove_suffix(1);
        if (trimmed.ends_with(endpoint)) {
            std::string base(url.substr(0, url.size() - (path.size() - trimmed.size()) - endpoint.size()));
            return doctor::fail("the base URL ends with " + std::string(endpoint) +
                                    ": NeMo Gym appends the endpoint itself, so requests would go to ..." +
                                    std::string(endpoint) + "/responses",
                                error_class::config, set_to(t, base));
        }
    }
    return std::nullopt;
}

/// OpenRouter's host and path: a failure, or nullopt when they are right.
std::optional<finding> openrouter_path_problem(const doctor::target& t, const boost::urls::url_view& url)
{
    const std::string host = lower(std::string(url.host()));
    if (!is_openrouter_host(host))
        return doctor::fail("wrong host " + host + ": OpenRouter's API is served from openrouter.ai (or the regional "
                            "eu.openrouter.ai / us.openrouter.ai), not " + host,
                            error_class::config, set_to(t, openrouter_base));
    std::string path(url.encoded_path());
    if (path.ends_with('/')) path.pop_back();
    if (path == "/api/v1") return std::nullopt;
    if (path.empty())
        return doctor::fail("the base URL lacks /api/v1: https://openrouter.ai answers API paths with its "
                            "website's HTML 404 page",
                            error_class::config, set_to(t, openrouter_base_for(t)));
    return doctor::fail("the path " + path + " is not OpenRouter's API path /api/v1", error_class::config,
                        set_to(t, openrouter_base_for(t)));
}

}  // namespace

result base_url_format(check_context& ctx)
{
    const doctor::target& t = *ctx.tgt;
    const auto& field = t.base_url;
    if (field.unresolved)
        co_return doctor::fail("the base URL does not resolve: " + field.path + " is '" + *field.value + "'",
                               error_class::config,
                               {"define the value it refers to (usually policy_base_url in env.yaml)", {}});
    if (const auto m = find_misnamed(t, field, ctx.run.config.unresolved_root))
        co_return doctor::fail("no base URL is set: " + t.adapter + " reads " + m->wanted + ", but the config writes " +
                                   m->written,
                               error_class::config, {rename_text(*m) + "; the value stays as it is", {}});
    if (!field.value || field.value->empty())
        co_return doctor::fail("no base URL is set (" + field.path + ")", error_class::config,
                               set_to(t, openrouter_base, "for OpenRouter"));
    const std::string& text = *field.value;
    if (std::any_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c) || c == '"' || c == '\''; }))
        co_return doctor::fail("the base URL contains whitespace or quotes", error_class::config,
                               {"write the URL alone, without spaces, quotes or a trailing newline, in " +
                                    place(field),
                                {}});
    const auto parsed = boost::urls::parse_uri(text);
    if (!parsed)
        co_return doctor::fail("'" + text + "' is not an absolute URL (it needs https://)", error_class::config,
                               set_to(t, openrouter_base, "for OpenRouter"));
    const std::string scheme = lower(std::string(parsed->scheme()));
    const std::string host = lower(std::string(parsed->host()));
    if (scheme != "https" && scheme != "http")
        co_return doctor::fail("the scheme " + scheme + ": is not http(s)", error_class::config,
                               set_to(t, openrouter_base, "for OpenRouter"));
    if (host.empty())
        co_return doctor::fail("the base URL has no host", error_class::config, set_to(t, openrouter_base));
    if (scheme == "http" && !net::is_loopback_host(host))
        co_return doctor::fail("plain http to " + host + ": the API key would travel unencrypted (ngdoctor will "
                               "not send it)",
                               error_class::config,
                               {"use https:// in " + place(field), {}});
    if (auto problem = endpoint_in_path(t, parsed->encoded_path(), text)) co_return std::move(*problem);
    const bool openrouter = looks_like_openrouter_host(host);
    if (openrouter)
        if (auto problem = openrouter_path_problem(t, *parsed)) co_return std::move(*problem);

    // Nothing fails: what is merely odd is gathered into one warning.
    std::vector<std::string> odd;
    std::string repair;
    if (parsed->has_userinfo()) {
        odd.push_back("the base URL carries a user name or password, which ends up in logs");
        repair = "remove user:password@ from " + place(field) + " and use the API key instead";
    }
    if (parsed->has_query() || parsed->has_fragment()) {
        odd.push_back("the base URL has a query or fragment; endpoints are appended after it");
        if (repair.empty()) repair = "remove everything from '?' or '#' in " + place(field);
    }
    if (parsed->encoded_path().ends_with('/')) {
        odd.push_back("the base URL ends with a slash: requests go to ...//responses" +
                      std::string(openrouter ? ", which OpenRouter does not serve" : ""));
        if (repair.empty()) repair = "remove the trailing slash from " + place(field);
    }
    if (!odd.empty()) {
        const std::string summary = odd.front();
        odd.erase(odd.begin());
        co_return doctor::warn(summary, {repair, {}}, odd);
    }
    if (openrouter) co_return doctor::ok(text + " is OpenRouter's API base URL");
    co_return doctor::ok(text + " is a well-formed " + scheme + " URL (not OpenRouter: OpenRouter-only checks "
                         "will be skipped)");
}

}  // namespace ngd::checks
