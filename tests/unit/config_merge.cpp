#define BOOST_TEST_MODULE config_merge
#include <boost/test/unit_test.hpp>

#include "config/merge.hpp"

#include <string>

using namespace ngd::config;

namespace {

node map_of_keys(std::size_t count, std::size_t first, std::int64_t value)
{
    node_map entries;
    entries.reserve(count);
    for (std::size_t i = 0; i < count; ++i)
        entries.emplace_back("k" + std::to_string(first + i), node::integer(value));
    return node::map(std::move(entries));
}

}  // namespace

// Issue 12 item 3: merging 200,000 keys into 200,000 keys (half of them shared). A scan per
// incoming key would be 4 x 10^10 comparisons (minutes); the merge's hash index makes it linear,
// so this finishes in well under a second. No timing is asserted: the result is.
BOOST_AUTO_TEST_CASE(two_hundred_thousand_keys_merge_in_order)
{
    constexpr std::size_t count = 200000;
    node dest = map_of_keys(count, 0, 1);
    node src = map_of_keys(count, count / 2, 2);
    BOOST_REQUIRE(merge_into(dest, src));
    const auto& entries = dest.entries();
    BOOST_REQUIRE_EQUAL(entries.size(), count + count / 2);
    // OmegaConf keeps a key where it first appeared and appends new ones after.
    BOOST_TEST(entries.front().first == "k0");
    BOOST_TEST(entries.front().second.as_int() == 1);
    BOOST_TEST(entries[count / 2].first == "k" + std::to_string(count / 2));
    BOOST_TEST(entries[count / 2].second.as_int() == 2);
    BOOST_TEST(entries[count].first == "k" + std::to_string(count));
    BOOST_TEST(entries.back().first == "k" + std::to_string(count + count / 2 - 1));
}

// The first layer merged into an empty config: the keys added so far are not scanned again.
BOOST_AUTO_TEST_CASE(two_hundred_thousand_keys_merge_into_an_empty_map)
{
    constexpr std::size_t count = 200000;
    node dest = node::map();
    node src = map_of_keys(count, 0, 4);
    BOOST_REQUIRE(merge_into(dest, src));
    BOOST_REQUIRE_EQUAL(dest.entries().size(), count);
    BOOST_TEST(dest.entries().back().first == "k" + std::to_string(count - 1));
}

// A key repeated inside one merge (a key added by src and then met again) is found through the
// index too: the later value wins, nothing is duplicated.
BOOST_AUTO_TEST_CASE(a_key_added_during_an_indexed_merge_is_found_again)
{
    node dest = map_of_keys(2000, 0, 1);
    node_map incoming;
    incoming.emplace_back("new", node::integer(5));
    for (int i = 0; i < 2000; ++i) incoming.emplace_back("k" + std::to_string(i), node::integer(3));
    node src = node::map(std::move(incoming));
    BOOST_REQUIRE(merge_into(dest, src));
    BOOST_TEST(dest.entries().size() == 2001u);
    BOOST_TEST(dest.find("new")->as_int() == 5);
    BOOST_TEST(dest.find("k1999")->as_int() == 3);
}

BOOST_AUTO_TEST_CASE(a_list_meeting_a_mapping_is_a_clash_with_its_key_and_places)
{
    node dest = node::map({{"a", node::map({{"eta", node::list({node::integer(1)}, origin::in_file("a.yaml", 3, 8))}})}});
    node src = node::map({{"a", node::map({{"eta", node::map({{"x", node::integer(1)}}, origin::in_file("b.yaml", 4, 5))}})}});
    merge_clash clash;
    BOOST_TEST(!merge_into(dest, src, &clash));
    BOOST_TEST(clash.key == "a.eta");
    BOOST_TEST(clash.earlier.text() == "a.yaml:3");
    BOOST_TEST(clash.later.text() == "b.yaml:4");

    node dest2 = node::map({{"eta", node::map({{"x", node::integer(1)}})}});
    node src2 = node::map({{"eta", node::list({})}});
    BOOST_TEST(!merge_into(dest2, src2, &clash));
    BOOST_TEST(clash.key == "eta");
}

BOOST_AUTO_TEST_CASE(lists_replace_lists_and_missing_never_overrides)
{
    node dest = node::map({{"l", node::list({node::integer(1), node::integer(2)})}, {"m", node::integer(7)}});
    node src = node::map({{"l", node::list({node::integer(3)})}, {"m", node::string("???")}});
    BOOST_REQUIRE(merge_into(dest, src));
    BOOST_TEST(dest.find("l")->items().size() == 1u);
    BOOST_TEST(dest.find("m")->as_int() == 7);
}
