#include "net/http.hpp"

#include <boost/algorithm/string/predicate.hpp>

namespace ngd::net {

std::optional<std::string> response::header(std::string_view name) const
{
    for (const auto& [key, value] : headers)
        if (boost::algorithm::iequals(key, name)) return value;
    return std::nullopt;
}

bool response::is_json() const
{
    const auto type = header("Content-Type");
    return type && boost::algorithm::icontains(*type, "json");
}

bool response::is_html() const
{
    if (const auto type = header("Content-Type"); type && boost::algorithm::icontains(*type, "html"))
        return true;
    const auto start = body.find_first_not_of(" \t\r\n");
    return start != std::string::npos &&
           (boost::algorithm::istarts_with(std::string_view(body).substr(start), "<!doctype html") ||
            boost::algorithm::istarts_with(std::string_view(body).substr(start), "<html"));
}

}  // namespace ngd::net
