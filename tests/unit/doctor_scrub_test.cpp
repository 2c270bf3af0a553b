// The last scrub before printing: configured secrets and anything shaped like an OpenRouter key
// are masked, however a server or a log splits the key.
#define BOOST_TEST_MODULE doctor_scrub
#include <boost/test/unit_test.hpp>

#include "doctor/plain_text.hpp"
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

// What a server or a file wrote reaches the terminal as plain text (doctor/plain_text.hpp).
BOOST_AUTO_TEST_CASE(escape_sequences_and_control_characters_become_visible_text)
{
    using ngd::doctor::plain_text;
    const std::string hostile = "Invalid key\x1b[2J\x1b]0;owned\x07 done\rX\x7f\xc2\x9b" "31m";
    const auto out = plain_text(hostile);
    for (const char c : out) BOOST_TEST((static_cast<unsigned char>(c) >= 0x20 && c != 0x7f), out);
    BOOST_TEST(out == "Invalid key\\x1b[2J\\x1b]0;owned\\x07 done\\x0dX\\x7f\\u009b31m", out);
    BOOST_TEST(plain_text("line one\r\nline two\tend — ünïcode") == "line one\nline two\tend — ünïcode");
}

BOOST_AUTO_TEST_CASE(every_text_of_a_finding_is_made_plain)
{
    std::vector<ngd::doctor::finding> findings(1);
    findings[0].summary = "the key was rejected: \x1b[31mred\x1b[0m";
    findings[0].details = {"\x1b]8;;http://evil\x07link"};
    findings[0].remedy.text = "fix\x08\x08\x08";
    findings[0].remedy.commands = {"curl \x1b[A"};
    findings[0].remedy.edits = {{"env.yaml", 1, "policy_model_name", std::string("a\x1b[1mb")}};
    scrub(findings, {});
    const auto& f = findings[0];
    for (const auto* text : {&f.summary, &f.details[0], &f.remedy.text, &f.remedy.commands[0], &*f.remedy.edits[0].value})
        BOOST_TEST(text->find('\x1b') == std::string::npos, *text);
    BOOST_TEST(f.remedy.text.find('\x08') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_long_text_is_cut_at_a_character_and_says_how_much_is_left_out)
{
    using ngd::doctor::max_shown_bytes;
    using ngd::doctor::within_shown_length;
    BOOST_TEST(within_shown_length("short") == "short");
    const std::string exact(max_shown_bytes, 'a');
    BOOST_TEST(within_shown_length(exact) == exact);
    // "é" is two bytes: the cut never splits it.
    std::string accented(max_shown_bytes - 1, 'a');
    accented += "éé";
    const auto cut = within_shown_length(accented);
    BOOST_TEST(cut.starts_with(std::string(max_shown_bytes - 1, 'a') + "…"));
    BOOST_TEST(cut.ends_with("… (4 more bytes not shown)"), cut.substr(max_shown_bytes - 10));
}
