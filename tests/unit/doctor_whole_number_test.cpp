#define BOOST_TEST_MODULE doctor_whole_number
#include <boost/test/unit_test.hpp>

#include "doctor/whole_number.hpp"

#include <limits>

using ngd::doctor::saturating_int64;

// Servers send any number: a throughput of 1e-300 tokens/s, a price of 1e-18 dollars. Their
// quotients are clamped, never converted out of range (UBSan fails this test if they are).
BOOST_AUTO_TEST_CASE(a_double_past_the_range_saturates_and_nan_is_zero)
{
    constexpr auto max = std::numeric_limits<std::int64_t>::max();
    constexpr auto min = std::numeric_limits<std::int64_t>::min();
    BOOST_TEST(saturating_int64(1e300) == max);
    BOOST_TEST(saturating_int64(9.2233720368547758e18) == max);
    BOOST_TEST(saturating_int64(std::numeric_limits<double>::infinity()) == max);
    BOOST_TEST(saturating_int64(-1e300) == min);
    BOOST_TEST(saturating_int64(-std::numeric_limits<double>::infinity()) == min);
    BOOST_TEST(saturating_int64(std::numeric_limits<double>::quiet_NaN()) == 0);
    BOOST_TEST(saturating_int64(2.9) == 2);
    BOOST_TEST(saturating_int64(-2.9) == -2);
    BOOST_TEST(saturating_int64(9.2233720368547748e18) == 9223372036854774784);
}
