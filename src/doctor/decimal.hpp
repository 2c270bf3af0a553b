#pragma once
/// Exact decimal amounts for money: OpenRouter's prices are decimal strings in USD per token
/// ("0.00000015"), and a run's cost is that times a token count, summed over rows. Binary
/// floating point would print $0.30000000000000004; this keeps every digit.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ngd::doctor {

/// A signed amount in units of 10^-18, held in 128 bits (up to about 1.7e20).
class decimal {
public:
    static constexpr int scale = 18;

    decimal() = default;

    /// Plain decimal text as the API sends prices ("0.00000015", "-1"); fractional digits
    /// past the 18th are cut. nullopt for anything else (exponents included).
    static std::optional<decimal> parse(std::string_view text);
    static decimal from_int(std::int64_t n);

    decimal operator+(const decimal& o) const { return raw(units_ + o.units_); }
    decimal operator-(const decimal& o) const { return raw(units_ - o.units_); }
    /// Times a whole count (tokens, rows): exact.
    decimal operator*(std::int64_t n) const { return raw(units_ * n); }
    auto operator<=>(const decimal&) const = default;

    bool is_zero() const { return units_ == 0; }
    bool is_negative() const { return units_ < 0; }

    /// Rounded half away from zero to `places` fractional digits: "12.35".
    std::string fixed(int places) const;
    /// "$12.35"; under 10 cents, enough places to show 3 significant digits ("$0.0389",
    /// "$0.000123").
    std::string usd() const;
    /// For ratios and sorting only, never for display.
    double approx() const;

private:
    static decimal raw(__int128 u)
    {
        decimal d;
        d.units_ = u;
        return d;
    }
    __int128 units_ = 0;
};

}  // namespace ngd::doctor
