#include "simulator/faults.hpp"

namespace ngd::sim {
namespace {

reply cdn_bad_gateway(const incoming& request)
{
    return html_reply(502, R"(<!DOCTYPE html>
<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->
<html class="no-js" lang="en-US"><head><title>)" + request.host + R"( | 502: Bad gateway</title>
<meta charset="UTF-8" /><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
</head><body><div id="cf-wrapper"><div id="cf-error-details" class="p-0">
<header class="mx-auto pt-10 lg:pt-6 lg:px-8 w-240 lg:w-full mb-8">
<h1 class="inline-block sm:block sm:mb-2 font-light text-60 lg:text-4xl text-black-dark leading-tight mr-2">
<span class="inline-block">Bad gateway</span><span class="code-label">Error code 502</span></h1>
</header><div class="cf-error-footer cf-wrapper w-240 lg:w-full py-10 sm:py-4 sm:px-8 mx-auto text-center sm:text-left border-solid border-0 border-t border-gray-300">
<p class="text-13"><span class="cf-footer-item sm:block sm:mb-1">Cloudflare Ray ID: <strong class="font-semibold">8f2a6c1e9b7d4a30</strong></span></p>
</div></div></div></body></html>
)");
}

reply redirect_to_itself(const incoming& request)
{
    reply r = html_reply(302, "<html><body>Redirecting</body></html>");
    const std::string authority = request.authority.empty() ? request.host : request.authority;
    r.headers = {{"Location", std::string(request.tls ? "https://" : "http://") + authority + request.target}};
    return r;
}

}  // namespace

const fault* take_fault(scenario& world, std::string_view host, std::string_view method, std::string_view path)
{
    for (auto& f : world.faults) {
        if (!f.where.matches(host, method, path)) continue;
        if (f.times) {
            if (*f.times <= 0) continue;
            --*f.times;
        }
        return &f;
    }
    return nullptr;
}

bool fault_wraps_answer(const fault& f) { return f.kind == fault_kind::truncated || f.kind == fault_kind::slow_drip; }

reply apply_fault(const fault& f, reply answer, const incoming& request)
{
    reply r;
    switch (f.kind) {
    case fault_kind::malformed_json:
        r = json_reply(200, R"({"data": [{"id": "openai/gpt-4o", "name": "OpenAI: GPT-4o",, "pricing": {"prompt": )");
        break;
    case fault_kind::html_502: r = cdn_bad_gateway(request); break;
    case fault_kind::truncated:
        r = std::move(answer);
        r.how = delivery::truncated;
        break;
    case fault_kind::slow_drip:
        r = std::move(answer);
        r.how = delivery::drip;
        r.drip_interval_ms = f.interval_ms;
        break;
    case fault_kind::reset: r.how = delivery::reset; break;
    case fault_kind::oversized:
        r.how = delivery::oversized;
        r.oversized_bytes = oversized_body_bytes;
        break;
    case fault_kind::redirect_loop: r = redirect_to_itself(request); break;
    case fault_kind::status:
        r.status = f.status;
        r.content_type = f.content_type;
        r.body = f.body;
        break;
    }
    for (const auto& header : f.headers) r.headers.push_back(header);
    return r;
}

int latency_for(const scenario& world, std::string_view host, std::string_view method, std::string_view path)
{
    for (const auto& rule : world.latency)
        if (rule.where.matches(host, method, path)) return rule.ms;
    return world.default_latency_ms;
}

}  // namespace ngd::sim
