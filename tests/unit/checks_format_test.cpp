#define BOOST_TEST_MODULE checks_format
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

// base_url.format and model.id_format: every verdict, table-driven, offline.
#include "checks/checks.hpp"
#include "support/run_check.hpp"

using namespace ngd;

namespace {

struct format_case {
    const char* name;
    std::optional<std::string> value;
    const char* status;
    const char* says;
    std::string base = "https://openrouter.ai/api/v1";  // for model ids: the target's base URL
};

std::ostream& operator<<(std::ostream& out, const format_case& c) { return out << c.name; }

const format_case url_cases[] = {
    {"OpenRouter as documented", std::string("https://openrouter.ai/api/v1"), "ok", "OpenRouter's API base URL"},
    {"absent", std::nullopt, "fail", "no base URL is set (policy_base_url)"},
    {"empty", std::string(""), "fail", "no base URL is set"},
    {"missing /api/v1", std::string("https://openrouter.ai"), "fail", "lacks /api/v1"},
    {"root slash", std::string("https://openrouter.ai/"), "fail", "lacks /api/v1"},
    {"wrong subdomain", std::string("https://api.openrouter.ai/v1"), "fail", "wrong host api.openrouter.ai"},
    {"missing /v1", std::string("https://openrouter.ai/api"), "fail", "is not OpenRouter's API path"},
    {"only /v1", std::string("https://openrouter.ai/v1"), "fail", "is not OpenRouter's API path"},
    {"chat completions", std::string("https://openrouter.ai/api/v1/chat/completions"), "fail",
     "ends with /chat/completions"},
    {"responses", std::string("https://openrouter.ai/api/v1/responses"), "fail", "ends with /responses"},
    {"trailing slash", std::string("https://openrouter.ai/api/v1/"), "warn", "ends with a slash"},
    {"plain http", std::string("http://openrouter.ai/api/v1"), "fail", "plain http to openrouter.ai"},
    {"plain http loopback", std::string("http://127.0.0.1:8000/v1"), "ok", "well-formed http URL"},
    {"plain http localhost", std::string("http://localhost:8000/v1"), "ok", "well-formed"},
    {"no scheme", std::string("openrouter.ai/api/v1"), "fail", "not an absolute URL"},
    {"ftp", std::string("ftp://openrouter.ai/api/v1"), "fail", "is not http(s)"},
    {"whitespace", std::string("https://openrouter.ai/api/v1 "), "fail", "whitespace or quotes"},
    {"newline", std::string("https://openrouter.ai/api/v1\n"), "fail", "whitespace or quotes"},
    {"quoted", std::string("'https://openrouter.ai/api/v1'"), "fail", "whitespace or quotes"},
    {"user info", std::string("https://user:pw@openrouter.ai/api/v1"), "warn", "user name or password"},
    {"query", std::string("https://openrouter.ai/api/v1?x=1"), "warn", "query or fragment"},
    {"query hides a wrong path", std::string("https://openrouter.ai?x=1"), "fail", "lacks /api/v1"},
    {"another provider", std::string("https://api.openai.com/v1"), "ok", "not OpenRouter"},
    {"vllm trailing slash", std::string("http://127.0.0.1:8000/v1/"), "warn", "ends with a slash"},
    {"unicode host", std::string("https://öpenrouter.ai/api/v1"), "fail", "not an absolute URL"},
};

const format_case model_cases[] = {
    {"documented", std::string("openai/gpt-4-turbo"), "ok", "is a provider/model-name id"},
    {"free variant", std::string("meta-llama/llama-3.3-70b-instruct:free"), "ok", "provider/model-name"},
    {"alias", std::string("~anthropic/claude-sonnet-latest"), "ok", "provider/model-name"},
    {"absent", std::nullopt, "fail", "no model is set (policy_model_name)"},
    {"no prefix gpt", std::string("gpt-4-turbo"), "fail", "did you mean openai/gpt-4-turbo?"},
    {"no prefix claude", std::string("claude-3-sonnet"), "fail", "did you mean anthropic/claude-3-sonnet?"},
    {"no prefix llama", std::string("llama-3-70b-instruct"), "fail", "did you mean meta-llama/llama-3-70b-instruct?"},
    {"no prefix unknown family", std::string("my-model"), "fail", "has no provider prefix"},
    {"empty author", std::string("/gpt-4o"), "fail", "is not provider/model-name"},
    {"empty name", std::string("openai/"), "fail", "is not provider/model-name"},
    {"two slashes", std::string("openai/gpt/4o"), "fail", "is not provider/model-name"},
    {"whitespace", std::string("openai/gpt-4o "), "fail", "whitespace or quotes"},
    {"unknown variant", std::string("openai/gpt-4o:turbo"), "warn", "unknown variant ':turbo'"},
    {"upper case", std::string("OpenAI/GPT-4o"), "warn", "upper-case"},
    {"any name on vllm", std::string("Qwen/Qwen3-8B"), "ok", "its server decides", "http://127.0.0.1:8000/v1"},
    {"bare name on vllm", std::string("my-model"), "ok", "its server decides", "http://127.0.0.1:8000/v1"},
};

doctor::finding run(doctor::check_function fn, const doctor::target& t)
{
    doctor::run_context run;  // offline: no catalog, so id suggestions come from known families
    return test::run_check(fn, run, &t);
}

}  // namespace

BOOST_DATA_TEST_CASE(base_url_verdicts, boost::unit_test::data::make(url_cases), c)
{
    const auto t = test::policy_target(c.value, test::fake_key, "openai/gpt-4o");
    const auto f = run(checks::base_url_format, t);
    BOOST_TEST(doctor::to_string(f.state) == c.status);
    BOOST_TEST(f.summary.find(c.says) != std::string::npos, f.summary);
    if (f.state == doctor::status::fail) {
        BOOST_TEST(net::to_string(f.error) == "config");
        BOOST_TEST(!f.remedy.text.empty());
    }
}

BOOST_DATA_TEST_CASE(model_id_verdicts, boost::unit_test::data::make(model_cases), c)
{
    const auto t = test::policy_target(c.base, test::fake_key, c.value);
    const auto f = run(checks::model_id_format, t);
    BOOST_TEST(doctor::to_string(f.state) == c.status);
    BOOST_TEST(f.summary.find(c.says) != std::string::npos, f.summary);
    if (f.state == doctor::status::fail) BOOST_TEST(net::to_string(f.error) == "config");
}

BOOST_AUTO_TEST_CASE(fixes_name_the_value_to_change_and_where)
{
    const auto t = test::policy_target(std::string("https://openrouter.ai"), test::fake_key, std::string("gpt-4o"));
    auto f = run(checks::base_url_format, t);
    BOOST_TEST(f.remedy.text == "set policy_base_url (env.yaml:1) to https://openrouter.ai/api/v1");
    BOOST_TEST(f.remedy.commands.at(0) == "curl https://openrouter.ai/api/v1/models");
    f = run(checks::model_id_format, t);
    BOOST_TEST(f.remedy.text == "set policy_model_name (env.yaml:3) to openai/gpt-4o");
}
