#pragma once
/// The failure classes of the JSON report's `error_class`, by stage and by meaning.
#include <string_view>

namespace ngd::net {

enum class error_class {
    none,
    config,        ///< the request could not be made from the configuration (bad URL, ...)
    dns,
    connect,
    tls,
    proxy,
    timeout,
    http_4xx,
    http_401,
    http_402,
    http_403,
    http_404,
    http_429,
    http_5xx,
    bad_response,  ///< not JSON, wrong shape, too large, truncated
};

/// The spelling used in the JSON report.
std::string_view to_string(error_class c) noexcept;

/// The class of an HTTP status: none for 1xx-3xx, the specific 4xx classes, else http_4xx / http_5xx.
error_class classify_status(int status) noexcept;

}  // namespace ngd::net
