#define BOOST_TEST_MODULE doctor_did_you_mean
#include <boost/test/unit_test.hpp>

#include "doctor/did_you_mean.hpp"

#include <algorithm>
#include <numeric>
#include <random>

using ngd::doctor::closest;

namespace {

// The whole table, as a reference for the banded search.
std::size_t full_edit_distance(const std::string& a, const std::string& b)
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

std::vector<std::string> reference_closest(const std::string& word, const std::vector<std::string>& candidates)
{
    const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const auto& c : candidates) {
        const std::size_t d = word.size() >= 3 && c.starts_with(word) ? 1 : full_edit_distance(word, c);
        if (d <= limit) scored.emplace_back(d, c);
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<std::string> out;
    for (const auto& [d, c] : scored)
        if (out.size() < 3 && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(near_misses_are_suggested)
{
    const std::vector<std::string> ids{"openai/gpt-4o", "openai/gpt-4o-mini", "anthropic/claude-sonnet-4.5"};
    BOOST_TEST((closest("openai/gpt-4o-mimi", ids) == std::vector<std::string>{"openai/gpt-4o-mini", "openai/gpt-4o"}));
    BOOST_TEST(closest("--dead", {"--deadline", "--debug"}).front() == "--deadline");
    BOOST_TEST(closest("something else entirely", ids).empty());
}

// The banded search finds exactly what the whole table finds, on words of a small alphabet
// (many near misses) and of every length up to past the band.
BOOST_AUTO_TEST_CASE(the_banded_search_agrees_with_the_whole_table)
{
    std::mt19937 random(12);
    const auto word_of = [&](std::size_t length) {
        std::string w;
        for (std::size_t i = 0; i < length; ++i) w += static_cast<char>('a' + random() % 3);
        return w;
    };
    for (int round = 0; round < 300; ++round) {
        const std::string word = word_of(random() % 20);
        std::vector<std::string> candidates;
        for (int i = 0; i < 30; ++i) candidates.push_back(word_of(random() % 24));
        BOOST_TEST(closest(word, candidates) == reference_closest(word, candidates), "word '" << word << "'");
    }
}

// A hostile word or catalog (a model id of a megabyte, 700,000 models) gives an answer, not
// minutes of CPU: no name is that long, and a candidate too different in length is not scored.
BOOST_AUTO_TEST_CASE(huge_words_and_catalogs_are_answered)
{
    const std::string huge(1 << 20, 'a');
    std::vector<std::string> catalog;
    for (int i = 0; i < 700000; ++i) catalog.push_back("m/" + std::to_string(i));
    BOOST_TEST(closest(huge, catalog).empty());
    BOOST_TEST(closest(std::string(100, 'x'), catalog).empty());
    BOOST_TEST(!closest("m/69999x", catalog).empty());
}
