#include "checks/config_edit.hpp"
#include "checks/network.hpp"
#include "checks/fix_texts.hpp"

#include "checks/common.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ngd::checks {

std::string base_of(const doctor::target& t)
{
    return t.base_url.value.value_or("");
}

bool sendable_key(const doctor::target& t)
{
    const std::string key = t.api_key.value.value_or("");
    return !key.empty() && !t.api_key.unresolved &&
           std::all_of(key.begin(), key.end(), [](unsigned char c) { return c > 0x20 && c < 0x7f; });
}

std::string key_of(const doctor::target& t)
{
    return sendable_key(t) ? *t.api_key.value : std::string();
}

openrouter::inference_api api_of(const doctor::target& t)
{
    return t.adapter == "openai_model" ? openrouter::inference_api::responses
                                       : openrouter::inference_api::chat_completions;
}

std::optional<finding> skip_unless_openrouter(const doctor::target& t, std::string_view what)
{
    if (targets_openrouter(t)) return std::nullopt;
    return doctor::skip("not OpenRouter (" + server_text(base_of(t)) + "): " + std::string(what) +
                        " is an OpenRouter API");
}

finding unanswered(const openrouter::api_error& error, std::string_view asked, const std::string& curl)
{
    using net::error_class;
    std::string summary;
    doctor::fix remedy;
    remedy.commands.push_back(curl);
    switch (error.cls) {
    case error_class::http_429:
        summary = "rate limited while asking " + std::string(asked) + " (429)";
        remedy.text = "wait and run again; this says nothing about the key or the model";
        break;
    case error_class::http_5xx:
        summary = "the server failed while asking " + std::string(asked) + " (HTTP " +
                  std::to_string(error.status) + ")";
        remedy.text = "a server-side failure: retry later, or check https://status.openrouter.ai; "
                      "it says nothing about the key or the model";
        break;
    case error_class::timeout:
        summary = "no answer in time while asking " + std::string(asked);
        remedy.text = "check the network path (proxy, firewall); raise --timeout if the link is slow";
        break;
    case error_class::tls:
        summary = "TLS failed while asking " + std::string(asked);
        if (error.detail.find("does not match the host name") != std::string::npos)
            remedy.text = "the certificate is for another host: check the base URL's host name (and any "
                          "--connect-to); --cacert does not help here";
        else if (error.detail.find("expired") != std::string::npos ||
                 error.detail.find("not yet valid") != std::string::npos)
            remedy.text = "the server's certificate is out of its validity period: check this machine's clock, "
                          "or wait for the server to renew it";
        else
            remedy.text = "if a proxy or company CA intercepts TLS, pass its certificate with --cacert FILE";
        break;
    case error_class::dns:
        summary = "the host name does not resolve while asking " + std::string(asked);
        remedy.text = "check the base URL's spelling and this machine's DNS";
        break;
    case error_class::connect:
        summary = "cannot connect while asking " + std::string(asked);
        remedy.text = "check the base URL's host and port, and that a firewall or proxy lets the connection through";
        break;
    case error_class::proxy: {
        const std::string proxy = error.proxy.empty() ? std::string("the proxy") : "the proxy " + error.proxy;
        if (error.stage == "resolve") {
            summary = proxy + ": its host name does not resolve (DNS) while asking " + std::string(asked);
            remedy.text = "check the proxy's host name in HTTPS_PROXY / --proxy, and this machine's DNS";
        } else if (error.stage == "connect") {
            summary = "cannot connect to " + proxy + " while asking " + std::string(asked);
            remedy.text = "check the proxy's host and port in HTTPS_PROXY / --proxy, and that it is running";
        } else {
            summary = proxy + " refused or broke the tunnel while asking " + std::string(asked);
            remedy.text = "check HTTPS_PROXY / --proxy, its credentials, and NO_PROXY";
        }
        break;
    }
    case error_class::bad_response:
        summary = "an unusable answer while asking " + std::string(asked);
        remedy.text = "the server did not answer as the API does: check the base URL, or retry later";
        break;
    default:
        summary = "no usable answer while asking " + std::string(asked);
        remedy.text = "check the network path to the server";
        break;
    }
    return doctor::fail(summary, error.cls, remedy, {error.detail});
}

doctor::fix new_key_fix(const doctor::target& t, const std::string& curl)
{
    return with_edit(fix_texts::new_key(place(t.api_key), curl), edit_of(t.api_key, std::nullopt, true));
}

std::string usd(double amount)
{
    char text[48];
    const double magnitude = std::fabs(amount);
    std::snprintf(text, sizeof text, magnitude != 0 && magnitude < 0.01 ? "$%.6g" : "$%.2f", amount);
    return text;
}

std::string quoted(const std::string& text)
{
    return "\"" + text + "\"";
}

}  // namespace ngd::checks
