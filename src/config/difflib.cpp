#include "config/difflib.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

namespace ngd::config {

namespace {

// SequenceMatcher with b fixed (seq2), as CPython builds it: b2j, with the "popular"
// elements of long sequences dropped (autojunk).
struct matcher {
    std::string_view a, b;
    std::unordered_map<char, std::vector<std::size_t>> b2j;

    matcher(std::string_view a_, std::string_view b_) : a(a_), b(b_)
    {
        for (std::size_t j = 0; j < b.size(); ++j) b2j[b[j]].push_back(j);
        if (b.size() >= 200) {
            std::size_t ntest = b.size() / 100 + 1;
            for (auto it = b2j.begin(); it != b2j.end();)
                it = it->second.size() > ntest ? b2j.erase(it) : std::next(it);
        }
    }

    std::tuple<std::size_t, std::size_t, std::size_t> longest(std::size_t alo, std::size_t ahi, std::size_t blo,
                                                              std::size_t bhi) const
    {
        std::size_t besti = alo, bestj = blo, bestsize = 0;
        std::unordered_map<std::size_t, std::size_t> j2len;
        for (std::size_t i = alo; i < ahi; ++i) {
            std::unordered_map<std::size_t, std::size_t> next;
            auto it = b2j.find(a[i]);
            if (it != b2j.end()) {
                for (std::size_t j : it->second) {
                    if (j < blo) continue;
                    if (j >= bhi) break;
                    std::size_t prev = 0;
                    if (j > 0) {
                        auto p = j2len.find(j - 1);
                        if (p != j2len.end()) prev = p->second;
                    }
                    std::size_t k = next[j] = prev + 1;
                    if (k > bestsize) {
                        besti = i - k + 1;
                        bestj = j - k + 1;
                        bestsize = k;
                    }
                }
            }
            j2len = std::move(next);
        }
        while (besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1]) {
            --besti;
            --bestj;
            ++bestsize;
        }
        while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] == b[bestj + bestsize])
            ++bestsize;
        return {besti, bestj, bestsize};
    }

    std::size_t matches() const
    {
        std::size_t total = 0;
        std::vector<std::tuple<std::size_t, std::size_t, std::size_t, std::size_t>> queue{{0, a.size(), 0, b.size()}};
        while (!queue.empty()) {
            auto [alo, ahi, blo, bhi] = queue.back();
            queue.pop_back();
            auto [i, j, k] = longest(alo, ahi, blo, bhi);
            if (k) {
                total += k;
                if (alo < i && blo < j) queue.emplace_back(alo, i, blo, j);
                if (i + k < ahi && j + k < bhi) queue.emplace_back(i + k, ahi, j + k, bhi);
            }
        }
        return total;
    }
};

double quick_ratio(std::string_view a, std::string_view b)
{
    std::map<char, int> avail;
    for (char c : b) ++avail[c];
    std::size_t m = 0;
    for (char c : a)
        if (avail[c]-- > 0) ++m;
    auto t = a.size() + b.size();
    return t ? 2.0 * static_cast<double>(m) / static_cast<double>(t) : 1.0;
}

}  // namespace

double sequence_ratio(std::string_view a, std::string_view b)
{
    auto t = a.size() + b.size();
    if (!t) return 1.0;
    return 2.0 * static_cast<double>(matcher(a, b).matches()) / static_cast<double>(t);
}

std::vector<std::string> close_matches(std::string_view word, const std::vector<std::string>& possibilities,
                                       std::size_t n, double cutoff)
{
    std::vector<std::pair<double, std::string>> scored;
    for (auto& x : possibilities) {
        auto t = x.size() + word.size();
        double real_quick = t ? 2.0 * static_cast<double>(std::min(x.size(), word.size())) / static_cast<double>(t) : 1.0;
        if (real_quick < cutoff || quick_ratio(x, word) < cutoff) continue;
        double r = sequence_ratio(x, word);
        if (r >= cutoff) scored.emplace_back(r, x);
    }
    // heapq.nlargest on (score, x): ties go to the larger string.
    std::sort(scored.begin(), scored.end(), [](auto& l, auto& r) { return l > r; });
    if (scored.size() > n) scored.resize(n);
    std::vector<std::string> out;
    for (auto& s : scored) out.push_back(s.second);
    return out;
}

}  // namespace ngd::config
