#include "doctor/decimal.hpp"

#include <algorithm>

namespace ngd::doctor {
namespace {

__int128 pow10(int n)
{
    __int128 p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

std::string digits_of(__int128 v)
{
    if (v == 0) return "0";
    std::string s;
    while (v > 0) {
        s += char('0' + int(v % 10));
        v /= 10;
    }
    std::reverse(s.begin(), s.end());
    return s;
}

}  // namespace

std::optional<decimal> decimal::parse(std::string_view text)
{
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    const auto dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    if (whole.empty() && fraction.empty()) return std::nullopt;
    if (whole.size() > 20) return std::nullopt;  // beyond what 128 bits hold at this scale
    __int128 units = 0;
    for (char c : whole) {
        if (c < '0' || c > '9') return std::nullopt;
        units = units * 10 + (c - '0');
    }
    units *= pow10(scale);
    __int128 place = pow10(scale);
    for (char c : fraction) {
        if (c < '0' || c > '9') return std::nullopt;
        place /= 10;
        units += (c - '0') * place;
    }
    return raw(negative ? -units : units);
}

decimal decimal::from_int(std::int64_t n)
{
    return raw(static_cast<__int128>(n) * pow10(scale));
}

std::string decimal::fixed(int places) const
{
    places = std::clamp(places, 0, scale);
    const __int128 step = pow10(scale - places);
    __int128 magnitude = units_ < 0 ? -units_ : units_;
    magnitude = (magnitude + step / 2) / step;  // half away from zero
    std::string digits = digits_of(magnitude);
    if (places > 0) {
        if (digits.size() <= std::size_t(places)) digits.insert(0, std::size_t(places) + 1 - digits.size(), '0');
        digits.insert(digits.size() - std::size_t(places), ".");
    }
    return (units_ < 0 && magnitude != 0 ? "-" : "") + digits;
}

std::string decimal::usd() const
{
    const __int128 tenth = pow10(scale - 1);
    const __int128 magnitude = units_ < 0 ? -units_ : units_;
    int places = 2;
    if (magnitude != 0 && magnitude < tenth) {
        // Under 10 cents, cents say too little (a run's prompt cost is often a few cents):
        // enough places for three significant digits.
        __int128 threshold = tenth;
        places = 1;
        while (places < scale && magnitude < threshold) {
            threshold /= 10;
            ++places;
        }
        places = std::min(scale, places + 2);
    }
    const std::string text = fixed(places);
    return text.front() == '-' ? "-$" + text.substr(1) : "$" + text;
}

double decimal::approx() const
{
    return static_cast<double>(units_) / 1e18;
}

}  // namespace ngd::doctor
