#include "simulator/clock.hpp"

#include <charconv>
#include <cstdio>
#include <ctime>

namespace ngd::sim {
namespace {

using namespace std::chrono;

std::tm utc_parts(std::int64_t unix_seconds)
{
    const std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm parts{};
    ::gmtime_r(&t, &parts);
    return parts;
}

bool read_int(std::string_view text, std::size_t at, std::size_t length, int& out)
{
    if (at + length > text.size()) return false;
    const char* first = text.data() + at;
    const auto [end, error] = std::from_chars(first, first + length, out);
    return error == std::errc{} && end == first + length;
}

}  // namespace

std::int64_t unix_now()
{
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

std::string utc_date(std::int64_t unix_seconds)
{
    const std::tm p = utc_parts(unix_seconds);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", p.tm_year + 1900, p.tm_mon + 1, p.tm_mday);
    return text;
}

std::string iso_time(system_clock::time_point when)
{
    const auto ms = duration_cast<milliseconds>(when.time_since_epoch()).count();
    const std::tm p = utc_parts(ms / 1000);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", p.tm_year + 1900, p.tm_mon + 1,
                  p.tm_mday, p.tm_hour, p.tm_min, p.tm_sec, static_cast<int>(ms % 1000));
    return text;
}

std::string iso_time(std::int64_t unix_seconds)
{
    const std::tm p = utc_parts(unix_seconds);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", p.tm_year + 1900, p.tm_mon + 1, p.tm_mday,
                  p.tm_hour, p.tm_min, p.tm_sec);
    return text;
}

std::int64_t next_utc_midnight_ms()
{
    const auto today = floor<days>(system_clock::now());
    return duration_cast<milliseconds>((today + days(1)).time_since_epoch()).count();
}

std::optional<std::int64_t> parse_utc_time(std::string_view text)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (!read_int(text, 0, 4, y) || !read_int(text, 5, 2, mo) || !read_int(text, 8, 2, d)) return std::nullopt;
    if (text[4] != '-' || text[7] != '-') return std::nullopt;
    if (text.size() > 10) {
        if (text.size() < 19 || (text[10] != 'T' && text[10] != ' ')) return std::nullopt;
        if (!read_int(text, 11, 2, h) || !read_int(text, 14, 2, mi) || !read_int(text, 17, 2, s)) return std::nullopt;
    }
    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!date.ok()) return std::nullopt;
    return sys_days{date}.time_since_epoch().count() * 86400LL + h * 3600 + mi * 60 + s;
}

std::string rfc1123_time(std::int64_t unix_seconds)
{
    const std::tm p = utc_parts(unix_seconds);
    char text[40];
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &p);
    return text;
}

}  // namespace ngd::sim
