#include "openrouter/catalog_reads.hpp"

#include <functional>

namespace ngd::openrouter {

parse_result<model_list> catalog_reads::parse(std::string_view body)
{
    const std::size_t hash = std::hash<std::string_view>{}(body);
    for (const auto& r : reads_)
        if (r.hash == hash && r.body == body) return r.result;
    auto result = parse_model_list(body);
    if (reads_.size() < max_kept && kept_bytes_ + body.size() <= max_kept_bytes) {
        reads_.push_back({hash, std::string(body), result});
        kept_bytes_ += body.size();
    }
    return result;
}

}  // namespace ngd::openrouter
