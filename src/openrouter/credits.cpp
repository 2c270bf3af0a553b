#include "openrouter/credits.hpp"

#include "openrouter/json_read.hpp"

namespace ngd::openrouter {

parse_result<credits> parse_credits(std::string_view body)
{
    return detail::read_document<credits>(body, [](detail::object_reader& root) {
        auto data = root.object("data");
        return credits{data.number("total_credits"), data.number("total_usage")};
    });
}

}  // namespace ngd::openrouter
