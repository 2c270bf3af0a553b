#include "simulator/router.hpp"

#include "simulator/auth.hpp"
#include "simulator/clock.hpp"
#include "simulator/faults.hpp"
#include "simulator/openrouter_site.hpp"
#include "simulator/status_site.hpp"

#include <array>

namespace ngd::sim {
namespace {

// Loopback names stand for openrouter.ai, so plain clients (curl, the SDKs) need no Host tricks.
// eu. and us.openrouter.ai are OpenRouter's in-region routing hosts, with the same API
// (docs: guides/features/in-region-routing).
bool is_openrouter(std::string_view host)
{
    static constexpr std::array<std::string_view, 8> names{"openrouter.ai", "www.openrouter.ai", "eu.openrouter.ai",
                                                           "us.openrouter.ai", "127.0.0.1", "localhost", "::1", ""};
    for (const auto name : names)
        if (host == name) return true;
    return false;
}

reply misdirected(std::string_view host)
{
    reply r;
    r.status = 421;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "This server does not simulate " + std::string(host) + "\n";
    return r;
}

}  // namespace

router::router(scenario& world, request_log* log) : world_(world), log_(log) {}

std::string router::host_without_port(std::string_view authority)
{
    std::string_view host = authority;
    if (host.starts_with('[')) {
        host = host.substr(1, host.find(']') == std::string_view::npos ? host.size() - 1 : host.find(']') - 1);
    } else if (const auto colon = host.find(':'); colon != std::string_view::npos && host.find(':', colon + 1) == std::string_view::npos) {
        host = host.substr(0, colon);
    }
    std::string lowered(host);
    for (auto& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!lowered.empty() && lowered.back() == '.') lowered.pop_back();
    return lowered;
}

reply router::route(const incoming& request, const caller& who, std::int64_t now_unix)
{
    if (is_openrouter(request.host)) return serve_openrouter(request, world_, who, now_unix);
    if (const auto page = world_.status_pages.find(request.host); page != world_.status_pages.end())
        return serve_status_page(request, page->second, now_unix);
    return misdirected(request.host);
}

reply router::handle(const incoming& request)
{
    const auto now = unix_now();
    const caller who = identify(request, world_, now);
    reply answer;
    if (const auto* f = take_fault(world_, request.host, request.method, request.path))
        answer = apply_fault(*f, fault_wraps_answer(*f) ? route(request, who, now) : reply{}, request);
    else
        answer = route(request, who, now);
    answer.delay_ms = latency_for(world_, request.host, request.method, request.path);
    if (log_)
        log_->write({request.host, request.method, request.path, who.log_name,
                     answer.how == delivery::reset ? 0 : answer.status, request.tls});
    return answer;
}

}  // namespace ngd::sim
