#pragma once
/// The OpenRouter generation ids (`gen-...`) a run's files mention: the `id` of a chat
/// completion or responses body, an `X-Generation-Id` header. Streaming, in bounded memory:
/// the first few distinct ids and the last few are kept, the rest only counted.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::triage {

class generation_ids {
public:
    /// Keeps at most `first` of the earliest distinct ids and `last` of the latest.
    explicit generation_ids(std::size_t first = 3, std::size_t last = 2) : first_cap_(first), last_cap_(last) {}

    /// Every id in `line` (escaped JSON and header lines alike).
    void scan(std::string_view line);

    /// The ids kept: the first ones, then the last ones, each once, in the order seen.
    std::vector<std::string> chosen() const;

    /// How many times an id was mentioned (repeats included).
    std::uint64_t mentions() const { return mentions_; }

private:
    void keep(std::string_view id);

    std::size_t first_cap_, last_cap_;
    std::vector<std::string> first_;
    std::deque<std::string> last_;
    std::uint64_t mentions_ = 0;
};

/// An id's characters after "gen-": OpenRouter's ids are letters, digits and dashes
/// ("gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG", "gen-1727282430-aBcDeFgHiJkLmNoPqRsT"); '_' is taken too.
bool is_generation_id_char(char c);

}  // namespace ngd::triage
