#pragma once
/// Catalog bodies already read in one run, by their bytes. Every key of one account gets the
/// same /models/user body (the preferences that filter it are the account's), most often the
/// /models body too; 200 targets on 5 keys would parse half a megabyte six times over.
#include "openrouter/model.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::openrouter {

class catalog_reads {
public:
    /// What parse_model_list(body) gives, computed once for each distinct body.
    parse_result<model_list> parse(std::string_view body);

    /// Distinct bodies parsed so far (a test seam).
    std::size_t distinct() const { return reads_.size(); }

    /// Distinct bodies kept, and their bytes together: a run asks for one catalog per key and
    /// host (OpenRouter's is about half a megabyte), and a body beyond these is just parsed,
    /// not remembered.
    static constexpr std::size_t max_kept = 16;
    static constexpr std::size_t max_kept_bytes = 16 * 1024 * 1024;

private:
    struct read {
        std::size_t hash;
        std::string body;
        parse_result<model_list> result;
    };
    std::vector<read> reads_;
    std::size_t kept_bytes_ = 0;
};

}  // namespace ngd::openrouter
