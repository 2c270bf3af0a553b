#include "doctor/finding.hpp"

namespace ngd::doctor {

std::string_view to_string(status s) noexcept
{
    switch (s) {
    case status::ok: return "ok";
    case status::warn: return "warn";
    case status::fail: return "fail";
    case status::skip: return "skip";
    case status::crash: return "crash";
    }
    return "crash";
}

finding ok(std::string summary, std::vector<std::string> details)
{
    finding f;
    f.state = status::ok;
    f.summary = std::move(summary);
    f.details = std::move(details);
    return f;
}

finding warn(std::string summary, fix remedy, std::vector<std::string> details)
{
    finding f;
    f.state = status::warn;
    f.summary = std::move(summary);
    f.remedy = std::move(remedy);
    f.details = std::move(details);
    return f;
}

finding fail(std::string summary, net::error_class error, fix remedy, std::vector<std::string> details)
{
    finding f;
    f.state = status::fail;
    f.summary = std::move(summary);
    f.error = error;
    f.remedy = std::move(remedy);
    f.details = std::move(details);
    return f;
}

finding skip(std::string reason)
{
    finding f;
    f.state = status::skip;
    f.summary = "skipped: " + std::move(reason);
    return f;
}

}  // namespace ngd::doctor
