#pragma once
/// "Did you mean" suggestions: option names, check ids, model ids.
#include <string>
#include <string_view>
#include <vector>

namespace ngd::doctor {

/// The candidates closest to `word` by edit distance (at most a third of its length, at
/// least 2), best first; empty when none is close.
std::vector<std::string> closest(std::string_view word, const std::vector<std::string>& candidates,
                                 std::size_t at_most = 3);

/// " (did you mean a, b?)" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace ngd::doctor
