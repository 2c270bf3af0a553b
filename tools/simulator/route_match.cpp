#include "simulator/route_match.hpp"

namespace ngd::sim {

bool route_match::matches(std::string_view request_host, std::string_view request_method,
                          std::string_view request_path) const
{
    if (!host.empty() && host != request_host) return false;
    if (!method.empty() && method != request_method) return false;
    if (path.empty()) return true;
    if (path.back() == '*') return request_path.starts_with(std::string_view(path).substr(0, path.size() - 1));
    return path == request_path;
}

}  // namespace ngd::sim
