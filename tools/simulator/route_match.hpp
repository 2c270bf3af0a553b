#pragma once
/// Which requests a scenario rule (fault, latency) applies to.
#include <string>
#include <string_view>

namespace ngd::sim {

struct route_match {
    std::string host;    ///< empty = any host
    std::string method;  ///< empty = any method
    std::string path;    ///< empty = any; a trailing `*` matches a prefix

    bool matches(std::string_view request_host, std::string_view request_method,
                 std::string_view request_path) const;
};

}  // namespace ngd::sim
