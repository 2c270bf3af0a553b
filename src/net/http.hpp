#pragma once
/// Plain data for one HTTP exchange: what a caller asks for and what comes back.
#include "net/error_class.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ngd::net {

using header_list = std::vector<std::pair<std::string, std::string>>;

struct request {
    std::string method = "GET";
    std::string url;             ///< absolute http:// or https:// URL
    header_list headers;         ///< extra headers (Content-Type, Accept, ...)
    std::string body;
    /// The API key, sent as `Authorization: Bearer ...` only to the host of `url`
    /// (never after a redirect to another host, never over plain HTTP to a
    /// non-loopback host). Never logged.
    std::optional<std::string> bearer;
    /// False: a 3xx comes back as the response, Location and all (to confirm a redirect
    /// known in advance without waiting for its target).
    bool follow_redirects = true;
};

struct response {
    int status = 0;
    header_list headers;         ///< as received, in order
    std::string body;            ///< at most the client's body cap
    std::string final_url;       ///< after redirects
    int redirects = 0;
    bool via_proxy = false;
    std::chrono::milliseconds elapsed{0};

    /// First header of that name (case-insensitive), if any.
    std::optional<std::string> header(std::string_view name) const;
    /// True when Content-Type says JSON.
    bool is_json() const;
    /// True when Content-Type says HTML, or the body starts like an HTML page.
    bool is_html() const;
};

/// A transport failure: no HTTP answer could be had (or it was unusable).
struct failure {
    error_class cls = error_class::none;
    std::string stage;    ///< "resolve", "connect", "proxy", "tls", "write", "read", "redirect", "policy", ...
    std::string message;  ///< one line for a person, naming host and port; never a secret
    std::string proxy;    ///< the proxy's host:port when the failure is the proxy's (cls proxy), else ""
};

/// Either a response or a failure.
struct outcome {
    std::optional<response> resp;
    failure fail;
    bool ok() const { return resp.has_value(); }
};

}  // namespace ngd::net
