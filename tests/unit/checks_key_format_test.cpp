#define BOOST_TEST_MODULE checks_key_format
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

#include "checks/checks.hpp"
#include "support/run_check.hpp"

using namespace ngd;
using doctor::status;
using net::error_class;

namespace {

const std::string openrouter = "https://openrouter.ai/api/v1";

doctor::finding check_key(std::optional<std::string> key, std::string base = openrouter)
{
    doctor::run_context run;
    const auto t = test::policy_target(base, std::move(key), "openai/gpt-4o-mini");
    return test::run_check(checks::key_format, run, &t);
}

struct key_case {
    const char* name;
    std::optional<std::string> key;
    status expected;
    const char* says;  // a phrase the summary must contain
    std::string base = openrouter;
};

std::ostream& operator<<(std::ostream& out, const key_case& c) { return out << c.name; }

const std::string hex64 = test::fake_key.substr(9);

const key_case cases[] = {
    {"valid", test::fake_key, status::ok, "looks right"},
    {"absent", std::nullopt, status::fail, "no API key"},
    {"empty", std::string(""), status::fail, "no API key"},
    {"seed placeholder", std::string("sk-or-your-openrouter-api-key"), status::fail, "placeholder"},
    {"curl placeholder", std::string("sk-or-your-key"), status::fail, "placeholder"},
    {"angle placeholder", std::string("<your key>"), status::fail, "a space at character 6"},
    {"bare prefix", std::string("sk-or-v1-"), status::fail, "placeholder"},
    {"trailing newline", test::fake_key + "\n", status::fail, "a newline at the end"},
    {"CRLF", test::fake_key + "\r", status::fail, "carriage return"},
    {"leading space", " " + test::fake_key, status::fail, "a space at the start"},
    {"inner tab", test::fake_key.substr(0, 20) + "\t" + test::fake_key.substr(20), status::fail, "a tab at character 21"},
    {"double quoted", "\"" + test::fake_key + "\"", status::fail, "quote"},
    {"single quoted", "'" + test::fake_key + "'", status::fail, "quote"},
    {"bearer prefix", "Bearer " + test::fake_key, status::fail, "Bearer"},
    {"bearer lower", "bearer " + test::fake_key, status::fail, "Bearer"},
    {"openai project key", "sk-proj-" + hex64, status::fail, "OpenAI project key"},
    {"openai legacy key", "sk-" + hex64.substr(0, 48), status::fail, "OpenAI-style"},
    {"anthropic key", "sk-ant-api03-" + hex64, status::fail, "Anthropic"},
    {"google key", std::string("AIzaSyA1234567890abcdefghijklmnopqrstuv"), status::fail, "Google"},
    {"unknown key", std::string("abcdef0123456789"), status::fail, "not an OpenRouter key"},
    {"truncated", test::fake_key.substr(0, 60), status::fail, "truncated: 51 of 64"},
    {"uppercase hex", "sk-or-v1-" + std::string(64, 'A'), status::warn, "not sk-or-v1-"},
    {"too long", test::fake_key + "00", status::warn, "75 characters"},
    {"future version", "sk-or-v2-" + hex64, status::warn, "not sk-or-v1-"},
    {"unicode", "sk-or-v1-" + hex64.substr(0, 60) + "\xc3\xa9\xc3\xa9", status::fail, "non-ASCII"},
    {"very long", "sk-or-v1-" + std::string(100000, 'a'), status::warn, "100009 characters"},
    {"or key on another host", test::fake_key, status::warn, "not OpenRouter", "https://api.openai.com/v1"},
    {"openai key on openai", "sk-proj-" + hex64, status::ok, "OpenAI project key", "https://api.openai.com/v1"},
    {"placeholder on another host", std::string("your-api-key"), status::fail, "placeholder",
     "http://127.0.0.1:8000/v1"},
    {"any key on vllm", std::string("EMPTY"), status::ok, "a key is set", "http://127.0.0.1:8000/v1"},
};

}  // namespace

BOOST_DATA_TEST_CASE(verdicts, boost::unit_test::data::make(cases), c)
{
    const auto f = check_key(c.key, c.base);
    BOOST_TEST(doctor::to_string(f.state) == doctor::to_string(c.expected));
    BOOST_TEST(f.summary.find(c.says) != std::string::npos, "summary: " << f.summary);
    if (f.state == status::fail) {
        BOOST_TEST(net::to_string(f.error) == "config");
        BOOST_TEST(!f.remedy.text.empty());
    }
}

BOOST_DATA_TEST_CASE(never_prints_the_key, boost::unit_test::data::make(cases), c)
{
    const auto f = check_key(c.key, c.base);
    if (!c.key || c.key->size() < 16) return;
    std::string all = f.summary + f.remedy.text;
    for (const auto& d : f.details) all += d;
    for (const auto& cmd : f.remedy.commands) all += cmd;
    BOOST_TEST(all.find(hex64) == std::string::npos);
    // No more than OpenRouter's own masked form: 12 + 3 characters of any key.
    BOOST_TEST(all.find(c.key->substr(0, 16)) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(fix_names_where_the_key_is_written)
{
    const auto f = check_key(std::string("sk-or-your-key"));
    BOOST_TEST(f.remedy.text.find("policy_api_key (env.yaml:2)") != std::string::npos, f.remedy.text);
}

BOOST_AUTO_TEST_CASE(unresolved_key_names_the_interpolation)
{
    doctor::run_context run;
    auto t = test::policy_target(openrouter, std::string("${policy_api_key}"), "openai/gpt-4o");
    t.api_key.unresolved = true;
    const auto f = test::run_check(checks::key_format, run, &t);
    BOOST_TEST(doctor::to_string(f.state) == "fail");
    BOOST_TEST(f.summary.find("does not resolve") != std::string::npos);
}

// A base URL without a scheme: the host is still read for the key's verdict, and the report
// never names an empty server ("configured for , which is not OpenRouter").
BOOST_AUTO_TEST_CASE(a_base_url_without_a_scheme_says_so)
{
    const auto other = check_key(test::fake_key, "api.example.com/v1");
    BOOST_TEST(other.summary.find("for ,") == std::string::npos, other.summary);
    BOOST_TEST(other.summary.find("without http:// or https://") != std::string::npos, other.summary);
    BOOST_TEST(other.summary.find("api.example.com/v1") != std::string::npos, other.summary);

    const auto openrouter_meant = check_key(test::fake_key, "openrouter.ai/api/v1");
    BOOST_TEST((openrouter_meant.state == status::ok), openrouter_meant.summary);
    BOOST_TEST(openrouter_meant.summary.find("not OpenRouter") == std::string::npos, openrouter_meant.summary);
}
