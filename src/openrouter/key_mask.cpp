#include "openrouter/key_mask.hpp"

#include <algorithm>

namespace ngd::openrouter {

namespace {

constexpr std::size_t max_shown = 15;  // 12 in front + 3 at the end, as OpenRouter's label

std::string printable(std::string_view part)
{
    std::string out(part);
    for (auto& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    return out;
}

}  // namespace

std::string mask_key(std::string_view key)
{
    if (key.empty()) return "";
    const std::size_t shown = std::min(max_shown, key.size() / 2);
    const std::size_t tail = shown / 5;
    const std::size_t head = shown - tail;
    return printable(key.substr(0, head)) + "..." + printable(key.substr(key.size() - tail));
}

}  // namespace ngd::openrouter
