#define BOOST_TEST_MODULE doctor_decimal
#include <boost/test/unit_test.hpp>

#include "doctor/decimal.hpp"

#include <ostream>

using ngd::doctor::decimal;

namespace ngd::doctor {
// For the test log: every digit.
std::ostream& operator<<(std::ostream& out, const decimal& v) { return out << v.fixed(decimal::scale); }
}  // namespace ngd::doctor

namespace {

decimal d(const char* text)
{
    const auto v = decimal::parse(text);
    BOOST_REQUIRE_MESSAGE(v.has_value(), text);
    return *v;
}

}  // namespace

BOOST_AUTO_TEST_CASE(prices_as_the_api_sends_them_are_read_exactly)
{
    // Prices are decimal strings in USD per token (openrouter-api spec, pricing).
    BOOST_TEST(d("0.00000015").fixed(8) == "0.00000015");
    BOOST_TEST(d("0.000000015").fixed(18) == "0.000000015000000000");
    BOOST_TEST(d("2.5").fixed(1) == "2.5");
    BOOST_TEST(d("-1").is_negative());
    BOOST_TEST(d("0").is_zero());
    BOOST_TEST(d(".5").fixed(1) == "0.5");
    for (const char* bad : {"", "-", "1e-7", "abc", "1.2.3", "0x10", " 1"})
        BOOST_TEST(!decimal::parse(bad).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(sums_and_products_keep_every_digit)
{
    // 0.1 + 0.2 is 0.3, not 0.30000000000000004.
    BOOST_TEST(d("0.1") + d("0.2") == d("0.3"));
    // 3 million tokens at $0.00000015 a token: $0.45, exactly.
    BOOST_TEST((d("0.00000015") * 3'000'000) == d("0.45"));
    // 16,000,000 output tokens of gpt-4o ($10 per million).
    BOOST_TEST((d("0.00001") * 16'000'000).usd() == "$160.00");
    BOOST_TEST((d("1") - d("0.000000000000000001")).fixed(18) == "0.999999999999999999");
    BOOST_TEST(d("1") - d("0.5") < d("0.6"));
}

BOOST_AUTO_TEST_CASE(dollars_are_rounded_half_away_from_zero)
{
    BOOST_TEST(d("12.345").usd() == "$12.35");
    BOOST_TEST(d("12.344").usd() == "$12.34");
    BOOST_TEST(d("-12.345").usd() == "-$12.35");
    BOOST_TEST(d("0").usd() == "$0.00");
    BOOST_TEST(d("74.5").usd() == "$74.50");
}

BOOST_AUTO_TEST_CASE(amounts_under_ten_cents_keep_three_significant_digits)
{
    BOOST_TEST(d("0.0389").usd() == "$0.0389");
    BOOST_TEST(d("0.04").usd() == "$0.0400");
    BOOST_TEST(d("0.45").usd() == "$0.45");
    BOOST_TEST(d("0.000123").usd() == "$0.000123");
    BOOST_TEST(d("0.00000015").usd() == "$0.000000150");
    BOOST_TEST(d("0.0012345").usd() == "$0.00123");
    BOOST_TEST(d("0.00621").usd() == "$0.00621");
}

BOOST_AUTO_TEST_CASE(large_counts_do_not_overflow)
{
    // A billion rollouts of 200,000 tokens at $75 per million: $15 each, $15 billion in all.
    const decimal total = d("0.000075") * 200'000 * 1'000'000'000;
    BOOST_TEST(total.fixed(2) == "15000000000.00");
    BOOST_TEST(decimal::from_int(7).fixed(0) == "7");
}
