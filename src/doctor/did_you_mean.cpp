#include "doctor/did_you_mean.hpp"

#include <algorithm>
#include <numeric>

namespace ngd::doctor {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace

std::vector<std::string> closest(std::string_view word, const std::vector<std::string>& candidates,
                                 std::size_t at_most)
{
    const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const auto& c : candidates) {
        // A prefix of a longer name ("--dead" for "--deadline") is as good as a near miss.
        const bool prefix = word.size() >= 3 && c.starts_with(word);
        const std::size_t d = prefix ? 1 : edit_distance(word, c);
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
