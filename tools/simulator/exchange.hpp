#pragma once
/// One request as the routes see it, and the reply they give: plain data between the
/// network code (server, connection) and the simulated sites (router and routes).
#include <string>
#include <utility>
#include <vector>

namespace ngd::sim {

struct incoming {
    std::string method;
    std::string host;           ///< Host header, lower case, port stripped
    std::string authority;      ///< Host header as sent (for absolute redirects)
    std::string target;         ///< path and query as sent
    std::string path;           ///< without the query
    std::string query;          ///< without the '?'
    std::string authorization;  ///< the Authorization header, empty when absent
    std::string body;
    bool tls = false;

    /// A query parameter's value (percent-decoding not needed for the simulated routes).
    std::string query_value(std::string_view name) const;
    bool has_query(std::string_view name) const;
};

/// How the reply leaves the server: the faults that break HTTP itself.
enum class delivery {
    normal,     ///< a well-formed response
    truncated,  ///< Content-Length larger than the bytes sent, then close
    drip,       ///< the body one byte every `drip_interval_ms`
    reset,      ///< TCP reset, no response at all
    oversized,  ///< `oversized_bytes` of body, streamed
};

struct reply {
    int status = 200;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    delivery how = delivery::normal;
    int drip_interval_ms = 100;
    std::size_t oversized_bytes = 0;
    int delay_ms = 0;  ///< simulated latency before anything is sent
};

/// A JSON reply.
reply json_reply(int status, std::string body);
/// An HTML reply.
reply html_reply(int status, std::string body);

}  // namespace ngd::sim
