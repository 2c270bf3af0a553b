#pragma once
/// A double from outside (a server's throughput or price, a saved report) as a whole number.
/// Converting a double outside int64's range is undefined behaviour, and such numbers come.
#include <cmath>
#include <cstdint>
#include <limits>

namespace ngd::doctor {

/// `x` truncated toward zero, saturated at int64's ends; NaN gives 0.
inline std::int64_t saturating_int64(double x)
{
    if (std::isnan(x)) return 0;
    if (x >= 9.2233720368547758e18) return std::numeric_limits<std::int64_t>::max();  // 2^63
    if (x <= -9.2233720368547758e18) return std::numeric_limits<std::int64_t>::min();
    return static_cast<std::int64_t>(x);
}

}  // namespace ngd::doctor
