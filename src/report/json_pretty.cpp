// Boost.JSON 1.81 prints only compactly; people reading a report on a terminal want it
// indented, in the same key order.
#include "report/json.hpp"

#include <boost/json/serialize.hpp>

#include <ostream>

namespace ngd::report {
namespace json = boost::json;

namespace {

void pretty(std::ostream& out, const json::value& v, int depth)
{
    const std::string inner((depth + 1) * 2, ' '), outer(depth * 2, ' ');
    if (v.is_object() && !v.as_object().empty()) {
        out << "{\n";
        bool first = true;
        for (const auto& [key, item] : v.as_object()) {
            out << (first ? "" : ",\n") << inner << json::serialize(json::string(key)) << ": ";
            pretty(out, item, depth + 1);
            first = false;
        }
        out << '\n' << outer << '}';
    } else if (v.is_array() && !v.as_array().empty()) {
        out << "[\n";
        bool first = true;
        for (const auto& item : v.as_array()) {
            out << (first ? "" : ",\n") << inner;
            pretty(out, item, depth + 1);
            first = false;
        }
        out << '\n' << outer << ']';
    } else {
        out << json::serialize(v);
    }
}

}  // namespace

void write_pretty(std::ostream& out, const json::value& v)
{
    pretty(out, v, 0);
    out << '\n';
}

}  // namespace ngd::report
