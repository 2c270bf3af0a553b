#include "triage/generation_ids.hpp"

#include <algorithm>

namespace ngd::triage {

namespace {

// Shorter tails are words ("gen-ai", "gen-2"), not ids: real ids carry at least 20 characters
// after the prefix (OpenRouter's documented examples have 28 and 31).
constexpr std::size_t min_tail = 12;
// An id longer than this is not one of OpenRouter's: never hold an unbounded run of text.
constexpr std::size_t max_tail = 96;

bool word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

}  // namespace

bool is_generation_id_char(char c)
{
    return word_char(c);
}

void generation_ids::scan(std::string_view line)
{
    for (std::size_t at = line.find("gen-"); at != std::string_view::npos; at = line.find("gen-", at + 4)) {
        // "regen-..." or "x-gen-..." are not ids: the prefix starts a token.
        if (at > 0 && word_char(line[at - 1])) continue;
        std::size_t end = at + 4;
        while (end < line.size() && is_generation_id_char(line[end])) ++end;
        const std::size_t tail = end - at - 4;
        if (tail < min_tail || tail > max_tail) continue;
        ++mentions_;
        keep(line.substr(at, end - at));
    }
}

void generation_ids::keep(std::string_view id)
{
    if (std::find(first_.begin(), first_.end(), id) != first_.end()) return;
    if (first_.size() < first_cap_) {
        first_.emplace_back(id);
        return;
    }
    if (last_cap_ == 0) return;
    // The latest mention wins: a repeated id moves to the end.
    if (auto it = std::find(last_.begin(), last_.end(), id); it != last_.end()) last_.erase(it);
    last_.emplace_back(id);
    if (last_.size() > last_cap_) last_.pop_front();
}

std::vector<std::string> generation_ids::chosen() const
{
    std::vector<std::string> out(first_.begin(), first_.end());
    out.insert(out.end(), last_.begin(), last_.end());
    return out;
}

}  // namespace ngd::triage
