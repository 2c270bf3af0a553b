#pragma once
/// What one HTTP exchange was, for a trace like `curl -v`: told by the client to an
/// observer (client_options::on_exchange) when the exchange ends, answered or not. A
/// redirect the client follows is an exchange of its own.
#include "net/http.hpp"
#include "net/url.hpp"

#include <chrono>
#include <cstddef>
#include <string>

namespace ngd::net {

struct exchange_record {
    std::string method;
    /// The URL asked for, without userinfo, and with the value of every query parameter
    /// whose name says it is a credential replaced (see url_for_trace).
    std::string url;
    bool answered = false;  ///< an HTTP answer came: status, reason and response headers hold it
    int status = 0;
    std::string reason;  ///< the status line's reason phrase, as the server sent it
    failure fail;        ///< why no answer came (when not answered)
    /// From the request being ready to its end: resolving, connecting, TLS (unless a kept
    /// connection was reused) and any wait for a free slot on a busy host included.
    std::chrono::milliseconds elapsed{0};
    std::size_t bytes_sent = 0;      ///< request line, headers and body as written
    std::size_t bytes_received = 0;  ///< status line, headers and body as read (partial on a failure)
    bool tls_resumed = false;        ///< on a new connection that resumed an earlier TLS session
    /// As sent: credential headers (Authorization, Cookie) are in clear here. They leave
    /// the process only through a renderer that masks them (report/exchange_trace.hpp).
    header_list request_headers;
    header_list response_headers;  ///< as received, in order; empty when no answer came
};

/// `url` for a trace: scheme, host (with a port only when not the default), path, and the
/// query with credential-looking values (api_key=, token=, ...) replaced by "[REDACTED]".
std::string url_for_trace(const http_url& url);

}  // namespace ngd::net
