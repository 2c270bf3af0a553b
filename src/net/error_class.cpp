#include "net/error_class.hpp"

namespace ngd::net {

std::string_view to_string(error_class c) noexcept
{
    switch (c) {
    case error_class::none: return "none";
    case error_class::config: return "config";
    case error_class::dns: return "dns";
    case error_class::connect: return "connect";
    case error_class::tls: return "tls";
    case error_class::proxy: return "proxy";
    case error_class::timeout: return "timeout";
    case error_class::http_4xx: return "http_4xx";
    case error_class::http_401: return "http_401";
    case error_class::http_402: return "http_402";
    case error_class::http_403: return "http_403";
    case error_class::http_404: return "http_404";
    case error_class::http_429: return "http_429";
    case error_class::http_5xx: return "http_5xx";
    case error_class::bad_response: return "bad_response";
    }
    return "none";
}

error_class classify_status(int status) noexcept
{
    switch (status) {
    case 401: return error_class::http_401;
    case 402: return error_class::http_402;
    case 403: return error_class::http_403;
    case 404: return error_class::http_404;
    case 429: return error_class::http_429;
    default: break;
    }
    if (status >= 500) return error_class::http_5xx;
    if (status >= 400) return error_class::http_4xx;
    return error_class::none;
}

}  // namespace ngd::net
