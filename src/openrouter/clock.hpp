#pragma once
/// Times read from servers (reset times, Retry-After dates, expiry dates), as system_clock
/// time points that cannot overflow. The clock counts nanoseconds in 64 bits, so it holds the
/// years 1678 to 2262 only; a time outside is clamped to the nearer end, so that a far-future
/// expiry stays in the future instead of wrapping into the past.
#include <chrono>

namespace ngd::openrouter {

/// The instant `since_epoch` after 1970-01-01T00:00:00Z, clamped to the clock's range.
template <class Rep, class Period>
std::chrono::system_clock::time_point clamped_time(std::chrono::duration<Rep, Period> since_epoch)
{
    using clock = std::chrono::system_clock;
    using namespace std::chrono;
    // Compared in the coarser unit, where both ends are representable.
    using coarse = duration<Rep, Period>;
    const auto latest = duration_cast<coarse>(clock::time_point::max().time_since_epoch());
    const auto earliest = duration_cast<coarse>(clock::time_point::min().time_since_epoch());
    if (since_epoch >= latest) return clock::time_point::max();
    if (since_epoch <= earliest) return clock::time_point::min();
    return clock::time_point(duration_cast<clock::duration>(since_epoch));
}

}  // namespace ngd::openrouter
