// The last scrub before printing: configured secrets and anything shaped like an OpenRouter key
// are masked, however a server or a log splits the key.
#define BOOST_TEST_MODULE doctor_scrub
#include <boost/test/unit_test.hpp>

#include "doctor/scrub.hpp"

#include <string>

using ngd::doctor::scrub;

namespace {

const std::string key = "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";
const std::string head = key.substr(0, 40), tail = key.substr(40);

bool leaks(const std::string& text)
{
    return text.find(head) != std::string::npos || text.find(tail) != std::string::npos ||
           text.find(key.substr(20, 30)) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_whole_key_is_masked_where_it_stands)
{
    const auto out = scrub("Invalid key " + key + ". Check it.", {});
    BOOST_TEST(!leaks(out), out);
    BOOST_TEST(out.starts_with("Invalid key sk-or-v1-5e1...e15. Check it."), out);
}

BOOST_AUTO_TEST_CASE(a_key_split_by_a_server_is_still_masked)
{
    for (const std::string sep : {"\n", "\r\n", "\xe2\x80\x8b", "\xef\xbb\xbf", "\\n", "\\u200b", "\\uFEFF"}) {
        const auto out = scrub("echo: " + head + sep + tail + " end", {});
        BOOST_TEST(!leaks(out), out);
        BOOST_TEST(out.ends_with(" end"), out);
    }
}

BOOST_AUTO_TEST_CASE(the_word_after_a_whole_key_on_the_next_line_stays)
{
    const auto out = scrub("key " + key + "\nTry again", {});
    BOOST_TEST(!leaks(out), out);
    BOOST_TEST(out.ends_with("\nTry again"), out);
}

BOOST_AUTO_TEST_CASE(configured_secrets_of_any_shape_are_masked)
{
    const auto out = scrub("token=abcdefgh12345678 and sk-or-short", {"abcdefgh12345678"});
    BOOST_TEST(out.find("abcdefgh12345678") == std::string::npos, out);
    BOOST_TEST(out.find("sk-or-short") != std::string::npos, out);  // too short to be a key
}
