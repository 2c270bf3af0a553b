// The generation ids a run's lines mention: found in bodies, escaped bodies and headers,
// words that only look like them left alone, and memory bounded to the first and last few.
#define BOOST_TEST_MODULE triage_generation_ids
#include <boost/test/unit_test.hpp>

#include "support/temp_dir.hpp"
#include "triage/generation_ids.hpp"
#include "triage/triage.hpp"

using namespace ngd;

namespace {

std::string id(int n)
{
    std::string tail = std::to_string(n);
    return "gen-1764780000-" + std::string(20 - tail.size(), 'a') + tail;
}

}  // namespace

BOOST_AUTO_TEST_CASE(ids_in_bodies_escaped_bodies_and_headers)
{
    triage::generation_ids ids;
    ids.scan(R"({"response": {"id": ")" + id(1) + R"(", "status": "completed"}})");
    ids.scan(R"(Hit an exception: b'{\"id\":\")" + id(2) + R"(\",\"object\":\"chat.completion\"}')");
    ids.scan("< X-Generation-Id: " + id(3));
    ids.scan(R"({"id":"gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG"})");
    const auto chosen = ids.chosen();
    BOOST_TEST_REQUIRE(chosen.size() == 4u);
    BOOST_TEST(chosen[0] == id(1));
    BOOST_TEST(chosen[1] == id(2));
    BOOST_TEST(chosen[2] == id(3));
    BOOST_TEST(chosen[3] == "gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG");
    BOOST_TEST(ids.mentions() == 4u);
}

BOOST_AUTO_TEST_CASE(words_that_only_look_like_ids_are_left_alone)
{
    triage::generation_ids ids;
    ids.scan("regen-1764780000-aaaaaaaaaaaaaaaaaaaa next-gen-1764780000-aaaaaaaaaaaaaaaaaaaa gen-ai gen-2 "
             "the gen-x team");
    ids.scan("gen-" + std::string(200, 'z'));  // no id is that long
    BOOST_TEST(ids.chosen().empty());
    BOOST_TEST(ids.mentions() == 0u);
}

BOOST_AUTO_TEST_CASE(the_first_three_and_the_last_two_distinct_ids_are_kept)
{
    triage::generation_ids ids;
    for (int n = 1; n <= 1000; ++n) {
        ids.scan(R"({"id":")" + id(n) + R"("})");
        ids.scan("X-Generation-Id: " + id(n));  // the same id again: counted, kept once
    }
    const auto chosen = ids.chosen();
    BOOST_TEST_REQUIRE(chosen.size() == 5u);
    BOOST_TEST(chosen[0] == id(1));
    BOOST_TEST(chosen[1] == id(2));
    BOOST_TEST(chosen[2] == id(3));
    BOOST_TEST(chosen[3] == id(999));
    BOOST_TEST(chosen[4] == id(1000));
    BOOST_TEST(ids.mentions() == 2000u);
}

BOOST_AUTO_TEST_CASE(triage_keeps_ids_only_when_asked)
{
    test::temp_dir dir;
    dir.write("policy_model.log", "(policy_model) X-Generation-Id: " + id(7) + "\n");
    const auto path = (dir.path() / "policy_model.log").string();
    const auto asked = triage::run_triage({path}, 0, true);
    BOOST_TEST_REQUIRE(asked.generation_ids.size() == 1u);
    BOOST_TEST(asked.generation_ids[0] == id(7));
    BOOST_TEST(asked.generation_mentions == 1u);
    const auto not_asked = triage::run_triage({path}, 0);
    BOOST_TEST(not_asked.generation_ids.empty());
    BOOST_TEST(not_asked.generation_mentions == 0u);
}
