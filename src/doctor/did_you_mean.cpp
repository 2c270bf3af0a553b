#include "doctor/did_you_mean.hpp"

#include <algorithm>

namespace ngd::doctor {
namespace {

/// The edit distance of `a` and `b` when it is at most `limit`, else `limit + 1`: only the
/// band of cells within `limit` of the diagonal can lead to such a distance, and a row whose
/// every cell is past `limit` ends the search. A word against a huge catalog stays cheap.
std::size_t edit_distance_within(std::string_view a, std::string_view b, std::size_t limit)
{
    const std::size_t too_far = limit + 1;
    if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return too_far;
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = std::min(j, too_far);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        const std::size_t from = i > limit ? i - limit : 1;
        const std::size_t to = std::min(b.size(), i + limit);
        std::size_t diagonal = row[from - 1];
        row[from - 1] = from == 1 ? std::min(i, too_far) : too_far;
        std::size_t best = row[from - 1];
        for (std::size_t j = from; j <= to; ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1), too_far});
            diagonal = above;
            best = std::min(best, row[j]);
        }
        if (to < b.size()) row[to + 1] = too_far;
        if (best > limit) return too_far;
    }
    return row[b.size()];
}

/// Past this length a word is no mistyped name: no option, check or model id is that long.
constexpr std::size_t longest_word = 128;

}  // namespace

std::vector<std::string> closest(std::string_view word, const std::vector<std::string>& candidates,
                                 std::size_t at_most)
{
    if (word.size() > longest_word) return {};
    const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const auto& c : candidates) {
        // A prefix of a longer name ("--dead" for "--deadline") is as good as a near miss.
        const bool prefix = word.size() >= 3 && c.starts_with(word);
        const std::size_t d = prefix ? 1 : edit_distance_within(word, c, limit);
        if (d <= limit) scored.emplace_back(d, c);
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<std::string> out;
    for (const auto& [d, c] : scored) {
        if (out.size() == at_most) break;
        if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    }
    return out;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates)
{
    const auto best = closest(word, candidates);
    if (best.empty()) return "";
    std::string text = " (did you mean ";
    for (std::size_t i = 0; i < best.size(); ++i) text += (i ? ", " : "") + best[i];
    return text + "?)";
}

}  // namespace ngd::doctor
