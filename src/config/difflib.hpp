#pragma once
/// Python's difflib.get_close_matches, for NeMo Gym's "Did you mean" lines.
#include <string>
#include <string_view>
#include <vector>

namespace ngd::config {

/// difflib.SequenceMatcher(None, a, b).ratio()
double sequence_ratio(std::string_view a, std::string_view b);

/// difflib.get_close_matches(word, possibilities, n, cutoff), same order as Python.
std::vector<std::string> close_matches(std::string_view word, const std::vector<std::string>& possibilities,
                                       std::size_t n = 3, double cutoff = 0.6);

}  // namespace ngd::config
