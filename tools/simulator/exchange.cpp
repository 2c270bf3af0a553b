#include "simulator/exchange.hpp"

namespace ngd::sim {
namespace {

// Finds `name=` as a whole parameter and returns the position of its value.
std::size_t value_position(std::string_view query, std::string_view name)
{
    std::size_t at = 0;
    while (at <= query.size()) {
        const auto end = std::min(query.find('&', at), query.size());
        const auto pair = query.substr(at, end - at);
        if (pair.substr(0, pair.find('=')) == name)
            return pair.find('=') == std::string_view::npos ? end : at + name.size() + 1;
        at = end + 1;
    }
    return std::string_view::npos;
}

}  // namespace

std::string incoming::query_value(std::string_view name) const
{
    const auto at = value_position(query, name);
    if (at == std::string_view::npos || at >= query.size()) return {};
    return query.substr(at, query.find('&', at) - at);
}

bool incoming::has_query(std::string_view name) const
{
    return value_position(query, name) != std::string_view::npos;
}

reply json_reply(int status, std::string body)
{
    reply r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

reply html_reply(int status, std::string body)
{
    reply r;
    r.status = status;
    r.content_type = "text/html; charset=utf-8";
    r.body = std::move(body);
    return r;
}

}  // namespace ngd::sim
