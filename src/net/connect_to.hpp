#pragma once
/// Applying curl-style --connect-to rules to a request's host and port.
#include "net/client.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ngd::net {

/// Where to open the TCP connection for host:port.
struct connect_address {
    std::string host;
    std::uint16_t port = 0;
    bool redirected = false;  ///< a --connect-to rule applied
};

/// The first rule matching host:port decides; no match means host:port itself.
connect_address apply_connect_to(const std::vector<connect_to>& rules, const std::string& host, std::uint16_t port);

}  // namespace ngd::net
