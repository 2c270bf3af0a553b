#include "checks/time_text.hpp"

#include "openrouter/clock.hpp"

#include <cstdio>
#include <ctime>

namespace ngd::checks {
namespace {

// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm); no time-zone tables.
long long days_from_civil(long long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_iso8601(std::string_view text)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, used = 0;
    const std::string copy(text);
    if (std::sscanf(copy.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3 || used != 10) return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
    long long offset_seconds = 0;
    if (copy.size() > 10) {
        if (copy[10] != 'T' && copy[10] != ' ') return std::nullopt;
        int more = 0;
        if (std::sscanf(copy.c_str() + 11, "%2d:%2d:%2d%n", &h, &mi, &s, &more) != 3) return std::nullopt;
        std::size_t rest = 11 + static_cast<std::size_t>(more);
        if (rest < copy.size() && copy[rest] == '.')
            while (++rest < copy.size() && copy[rest] >= '0' && copy[rest] <= '9') {}
        if (rest < copy.size() && (copy[rest] == '+' || copy[rest] == '-')) {
            int oh = 0, om = 0;
            if (std::sscanf(copy.c_str() + rest + 1, "%2d:%2d", &oh, &om) < 1) return std::nullopt;
            offset_seconds = (copy[rest] == '+' ? 1 : -1) * (oh * 3600LL + om * 60LL);
        }
    }
    const long long seconds = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400LL +
                              h * 3600LL + mi * 60LL + s - offset_seconds;
    return openrouter::clamped_time(std::chrono::seconds(seconds));
}

std::string duration_text(std::chrono::system_clock::duration d)
{
    const long long total = std::chrono::duration_cast<std::chrono::seconds>(d).count();
    if (total >= 2 * 86400) return std::to_string(total / 86400) + " days";
    if (total >= 3600) return std::to_string(total / 3600) + " h " + std::to_string(total % 3600 / 60) + " min";
    if (total >= 60) return std::to_string(total / 60) + " min";
    return std::to_string(total < 0 ? 0 : total) + " s";
}

std::string utc_text(std::chrono::system_clock::time_point when)
{
    const std::time_t t = std::chrono::system_clock::to_time_t(when);
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &tm);
    return text;
}

}  // namespace ngd::checks
