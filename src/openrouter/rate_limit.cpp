#include "openrouter/rate_limit.hpp"

#include "openrouter/clock.hpp"

#include <boost/algorithm/string/predicate.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <vector>

namespace ngd::openrouter {

namespace {

std::optional<std::string> header_value(const net::header_list& headers, std::string_view name)
{
    for (const auto& [key, value] : headers)
        if (boost::algorithm::iequals(key, name)) return value;
    return std::nullopt;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::optional<int> month_number(std::string_view name)
{
    static constexpr std::array<std::string_view, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (std::size_t i = 0; i < months.size(); ++i)
        if (boost::algorithm::iequals(months[i], name)) return static_cast<int>(i) + 1;
    return std::nullopt;
}

// Splits on spaces, commas and dashes, which separate the fields of all three date forms.
std::vector<std::string_view> date_fields(std::string_view text)
{
    std::vector<std::string_view> fields;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == ',' || text[i] == '-')) ++i;
        const std::size_t start = i;
        while (i < text.size() && text[i] != ' ' && text[i] != ',' && text[i] != '-') ++i;
        if (i > start) fields.push_back(text.substr(start, i - start));
    }
    return fields;
}

// RFC 9110 §5.6.7: a year is four digits (two in the obsolete RFC 850 form).
bool year_digits(std::string_view text, bool two_allowed)
{
    return (text.size() == 4 || (two_allowed && text.size() == 2)) &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<int> small_number(std::string_view text)
{
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

struct clock_time {
    int hour = 0, minute = 0, second = 0;
};

std::optional<clock_time> parse_clock(std::string_view text)
{
    if (text.size() != 8 || text[2] != ':' || text[5] != ':') return std::nullopt;
    const auto h = small_number(text.substr(0, 2));
    const auto m = small_number(text.substr(3, 2));
    const auto s = small_number(text.substr(6, 2));
    if (!h || !m || !s || *h > 23 || *m > 59 || *s > 60) return std::nullopt;
    return clock_time{*h, *m, *s};
}

std::optional<std::chrono::system_clock::time_point> make_time(int year, int month, int day, clock_time t)
{
    using namespace std::chrono;
    const year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                              std::chrono::day(static_cast<unsigned>(day))};
    if (!date.ok()) return std::nullopt;
    const auto since_epoch = duration_cast<seconds>(sys_days(date).time_since_epoch()) + hours(t.hour) +
                             minutes(t.minute) + seconds(t.second);
    return clamped_time(since_epoch);
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> rate_limit_headers::reset_time() const
{
    if (!reset_ms) return std::nullopt;
    return clamped_time(std::chrono::milliseconds(*reset_ms));
}

std::optional<std::int64_t> parse_header_integer(std::string_view text)
{
    text = trim(text);
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

rate_limit_headers read_rate_limit_headers(const net::header_list& headers)
{
    rate_limit_headers out;
    if (auto v = header_value(headers, "X-RateLimit-Limit")) out.limit = parse_header_integer(*v);
    if (auto v = header_value(headers, "X-RateLimit-Remaining")) out.remaining = parse_header_integer(*v);
    if (auto v = header_value(headers, "X-RateLimit-Reset")) out.reset_ms = parse_header_integer(*v);
    return out;
}

std::chrono::seconds retry_after::wait_from(std::chrono::system_clock::time_point now) const
{
    if (delay) return *delay;
    if (at && *at > now) return std::chrono::ceil<std::chrono::seconds>(*at - now);
    return std::chrono::seconds(0);
}

std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text)
{
    const auto f = date_fields(trim(text));
    // asctime: "Sun Nov  6 08:49:37 1994"
    if (f.size() == 5 && month_number(f[1])) {
        const auto day = small_number(f[2]);
        const auto clock = parse_clock(f[3]);
        const auto year = small_number(f[4]);
        if (day && clock && year && year_digits(f[4], false)) return make_time(*year, *month_number(f[1]), *day, *clock);
        return std::nullopt;
    }
    // IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT" and RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT".
    if (f.size() != 6 || f[5] != "GMT") return std::nullopt;
    const auto day = small_number(f[1]);
    const auto month = month_number(f[2]);
    auto year = small_number(f[3]);
    const auto clock = parse_clock(f[4]);
    if (!day || !month || !year || !clock || !year_digits(f[3], true)) return std::nullopt;
    if (f[3].size() == 2) *year += *year < 70 ? 2000 : 1900;  // RFC 850's two-digit year
    return make_time(*year, *month, *day, *clock);
}

std::optional<retry_after> parse_retry_after(std::string_view text)
{
    text = trim(text);
    if (const auto secs = parse_header_integer(text)) return retry_after{std::chrono::seconds(*secs), std::nullopt};
    if (const auto when = parse_http_date(text)) return retry_after{std::nullopt, *when};
    return std::nullopt;
}

std::optional<retry_after> read_retry_after(const net::header_list& headers)
{
    const auto v = header_value(headers, "Retry-After");
    return v ? parse_retry_after(*v) : std::nullopt;
}

}  // namespace ngd::openrouter
