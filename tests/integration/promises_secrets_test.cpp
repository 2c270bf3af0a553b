// "No secret leaves" (spec §6): a canary key never appears in stdout, stderr or any file,
// for every command, format and verbosity, even when the server echoes it back; it is
// never sent to a status page, to a redirect target on another host, or over plain HTTP
// to a host that is not loopback.
#define BOOST_TEST_MODULE promises_secrets
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/data/monomorphic.hpp>

#include "run_report.hpp"
#include "user_tree.hpp"

#include <set>

using namespace ngd::itest;
namespace data = boost::unit_test::data;

namespace {

// Fakes shaped like real keys: an inference key and a management key.
const std::string canary = fake_key(0xC0FFEE);
const std::string management_canary = fake_key(0xBADC0DE);

struct world {
    const char* name;
    std::string scenario;
};
std::ostream& operator<<(std::ostream& out, const world& w) { return out << w.name; }

const std::string known_keys =
    R"("keys": {")" + canary + R"(": {"name": "canary", "limit": 20, "usage": 1},
              ")" + management_canary + R"(": {"name": "management", "management": true}})";

// A server that answers with the key in bodies, messages and headers.
const std::string echoing_faults = R"("faults": [
  {"path": "/api/v1/key", "kind": "status", "status": 401, "headers": {"X-Echo": "Bearer )" + canary + R"("},
   "body": {"error": {"message": "Invalid key Bearer )" + canary + R"(", "code": 401}}},
  {"path": "/api/v1/models/user", "kind": "status", "status": 500,
   "body": {"error": {"message": "no user for )" + canary + R"(", "code": 500}}},
  {"path": "/api/v1/credits", "kind": "status", "status": 403,
   "body": {"error": {"message": "not a management key: )" + management_canary + R"(", "code": 403}}},
  {"method": "POST", "path": "/api/v1/chat/completions", "kind": "status", "status": 400,
   "body": {"error": {"message": ")" + canary + R"( is not a valid model ID", "code": 400}}}])";

const world worlds[] = {
    {"honest server", "{" + known_keys + "}"},
    {"echoing server", "{" + known_keys + ", " + echoing_faults + "}"},
};

struct command {
    const char* name;
    std::vector<std::string> args;
    bool to_simulator;  ///< add --cacert and --connect-to
};
std::ostream& operator<<(std::ostream& out, const command& c) { return out << c.name; }

const command commands[] = {
    {"check-all", {"check-all"}, true},
    {"check-all --json", {"check-all", "--json"}, true},
    {"check-all -v", {"check-all", "-v"}, true},
    {"check-all --json -v", {"check-all", "--json", "-v"}, true},
    {"check-all --live -v", {"check-all", "--live", "-v"}, true},
    {"check-all --live --json -v", {"check-all", "--live", "--json", "-v"}, true},
    {"check-all --offline -v", {"check-all", "--offline", "-v"}, true},
    {"check key -v", {"check", "key", "-v"}, true},
    {"check key.status credits --json -v", {"check", "key.status", "credits", "--json", "-v"}, true},
    {"check-all with the judge config -v", {"check-all", "-v", "+config_paths=[configs/judge.yaml]"}, true},
    {"list-checks", {"list-checks"}, false},
    {"list-checks --json", {"list-checks", "--json"}, false},
    {"dump-config", {"dump-config"}, false},
    {"dump-config --format json", {"dump-config", "--format", "json"}, false},
    {"dump-config --show-origin with the judge config",
     {"dump-config", "--show-origin", "+config_paths=[configs/judge.yaml]"}, false},
    {"explain key.status", {"explain", "key.status"}, false},
    {"explain credits", {"explain", "credits"}, false},
    {"check-all with a mistyped option", {"check-all", "--jsonn"}, true},
};

const std::string judge_yaml = R"(judge_model:
  responses_api_models:
    inference_provider:
      entrypoint: app.py
      base_url: https://openrouter.ai/api/v1
      api_key: ${policy_api_key}
      model: anthropic/claude-sonnet-4.5
      extra_headers:
        Authorization: Bearer ${policy_api_key}
)";

}  // namespace

BOOST_DATA_TEST_CASE(canary_never_leaves, data::make(worlds) * data::make(commands), w, c)
{
    ngd::test::simulator sim(w.scenario);
    ngd::test::temp_dir home;
    write_env(home, env_yaml(openrouter_base, canary, "openai/gpt-4o-mini"));
    home.write("configs/judge.yaml", judge_yaml);
    std::filesystem::create_directories(home.path() / "user_home");
    std::filesystem::create_directories(home.path() / "tmp");

    auto args = c.args;
    if (c.to_simulator) {
        const auto to_sim = simulator_args(sim);
        args.insert(args.end(), to_sim.begin(), to_sim.end());
    }
    const auto r = run_ngdoctor(args, home.path(),
                                {{"OPENROUTER_MANAGEMENT_KEY", management_canary},
                                 {"HOME", (home.path() / "user_home").string()},
                                 {"TMPDIR", (home.path() / "tmp").string()}});
    BOOST_TEST_MESSAGE(w.name << " / " << c.name << ": exit " << r.exit_code);
    BOOST_CHECK(!r.timed_out);
    BOOST_CHECK_MESSAGE(r.exit_code != 3 && r.exit_code < 128, "crash: exit " << r.exit_code << "\n" << r.err);
    for (const auto* secret : {&canary, &management_canary}) {
        BOOST_CHECK_MESSAGE(r.out.find(*secret) == std::string::npos, "the key is on stdout:\n" << r.out);
        BOOST_CHECK_MESSAGE(r.err.find(*secret) == std::string::npos, "the key is on stderr:\n" << r.err);
        // Its 64 hex digits alone are the secret too.
        const auto hex = secret->substr(9);
        BOOST_CHECK(r.out.find(hex) == std::string::npos && r.err.find(hex) == std::string::npos);
        const auto files = files_containing(home.path(), *secret, {"env.yaml"});
        BOOST_CHECK_MESSAGE(files.empty(), "the key was written to " << (files.empty() ? "" : files.front()));
    }
}

// The key goes to openrouter.ai only: never to a status page (Anthropic's 302 to another
// host included) and never to the target of a redirect that leaves the host.
BOOST_AUTO_TEST_CASE(key_never_sent_to_status_pages_or_other_hosts)
{
    ngd::test::simulator sim("{" + known_keys + R"(, "faults": [
        {"path": "/api/v1/models/user", "kind": "status", "status": 302,
         "headers": {"Location": "https://status.openai.com/api/v1/models/user"}, "body": ""}]})");
    ngd::test::temp_dir home;
    write_env(home, env_yaml(openrouter_base, canary, "anthropic/claude-sonnet-4.5"));
    const auto anthropic = check_all(sim, home.path(), {});
    write_env(home, env_yaml(openrouter_base, canary, "openai/gpt-4o-mini"));
    const auto openai = check_all(sim, home.path(), {});
    BOOST_CHECK(openai.report.is_object() && anthropic.report.is_object());

    std::set<std::string> status_hosts;
    bool key_sent_to_openrouter = false;
    for (const auto& r : requests_of(sim)) {
        if (r.host == "openrouter.ai") {
            key_sent_to_openrouter = key_sent_to_openrouter || r.auth == "canary";
            continue;
        }
        status_hosts.insert(r.host);
        BOOST_CHECK_MESSAGE(r.auth == "none", "a key went to another host: " << r);
    }
    BOOST_CHECK(key_sent_to_openrouter);
    // The status pages were asked (so the assertion above had something to look at).
    BOOST_CHECK(status_hosts.contains("status.openai.com"));
    BOOST_CHECK(status_hosts.contains("status.claude.com"));
}

// Plain HTTP to openrouter.ai (not loopback): reported at once, nothing carrying the key
// is sent, even though something would listen there.
BOOST_AUTO_TEST_CASE(no_key_over_plain_http_to_a_public_host)
{
    ngd::test::simulator sim("{" + known_keys + "}");
    ngd::test::temp_dir home;
    for (const auto* model : {"openai/gpt-4o-mini", "gpt-4o-mini"}) {
        write_env(home, env_yaml("http://openrouter.ai/api/v1", canary, model));
        auto args = simulator_args(sim);
        args.push_back("--connect-to");
        args.push_back("openrouter.ai:80:127.0.0.1:" + std::to_string(sim.port()));
        const auto run = check_all(sim, home.path(), args);
        BOOST_REQUIRE_MESSAGE(run.report.is_object(), run);
        const auto* format = row_of(run.report, "base_url.format", "policy");
        BOOST_REQUIRE(format);
        BOOST_CHECK_EQUAL(verdict_of(*format), "fail/config");
        BOOST_CHECK_EQUAL(run.raw.exit_code, 1);
        for (const auto& id : {"base_url.reach", "key.status", "credits", "model.availability"}) {
            const auto* row = row_of(run.report, id, "policy");
            BOOST_REQUIRE(row);
            BOOST_CHECK_MESSAGE(verdict_of(*row) == "skip/none", id << ": " << verdict_of(*row));
        }
    }
    for (const auto& r : requests_of(sim)) BOOST_CHECK_MESSAGE(r.auth == "none", "the key went over plain HTTP: " << r);
}

// Plain HTTP to an address where nothing listens: the verdict is immediate (config), not
// a connection attempt that ends in a timeout.
BOOST_AUTO_TEST_CASE(plain_http_to_a_public_address_is_refused_before_connecting)
{
    ngd::test::simulator sim("{" + known_keys + "}");
    ngd::test::temp_dir home;
    write_env(home, env_yaml("http://192.0.2.10/api/v1", canary, "openai/gpt-4o-mini"));
    const auto run = check_all(sim, home.path(), {"--timeout", "5", "--deadline", "20"});
    BOOST_REQUIRE_MESSAGE(run.report.is_object(), run);
    BOOST_CHECK_EQUAL(run.raw.exit_code, 1);
    const auto* format = row_of(run.report, "base_url.format", "policy");
    BOOST_REQUIRE(format);
    BOOST_CHECK_EQUAL(verdict_of(*format), "fail/config");
    for (const auto& c : run.report.at("checks").as_array()) {
        BOOST_CHECK_MESSAGE(text_of(c, "error_class") != "timeout", text_of(c, "id") << " timed out");
        BOOST_CHECK_MESSAGE(text_of(c, "error_class") != "connect", text_of(c, "id") << " tried to connect");
    }
    BOOST_CHECK(run.raw.out.find(canary) == std::string::npos);
}

// A key pasted where it does not belong: as an option's value, as a word, as the model or in
// the base URL. Usage errors quote what they reject, and the report prints the targets: the
// key must come out masked all the same.
BOOST_AUTO_TEST_CASE(a_key_in_the_wrong_place_is_never_echoed)
{
    ngd::test::simulator sim("{" + known_keys + "}");
    ngd::test::temp_dir home;
    write_env(home, env_yaml(openrouter_base, canary, "openai/gpt-4o-mini"));
    const std::vector<std::vector<std::string>> usage_errors = {
        {"check-all", "--api-key=" + canary}, {"check-all", "-" + canary},
        {"check-all", "--timeout", canary},   {"check-all", "--connect-to", canary},
        {"dump-config", "--format", canary},  {canary},
        {"check", canary},
    };
    // An override whose key runs into the key's text (found by fuzzing override_grammar):
    // Hydra's error quotes the override; what is printed masks the key all the same.
    for (const std::vector<std::string> command : {std::vector<std::string>{"dump-config"}, {"check-all", "--offline"}}) {
        auto args = command;
        args.push_back("+policy_api_i_key9" + canary);
        const auto r = run_ngdoctor(args, home.path(), {});
        BOOST_CHECK_EQUAL(r.exit_code, 1);
        BOOST_CHECK_MESSAGE(r.err.find(canary.substr(9, 40)) == std::string::npos, "echoed:\n" << r.err);
        BOOST_CHECK_MESSAGE(r.out.find(canary.substr(9, 40)) == std::string::npos, "echoed:\n" << r.out);
    }
    for (const auto& args : usage_errors) {
        const auto r = run_ngdoctor(args, home.path(), {});
        BOOST_CHECK_EQUAL(r.exit_code, 2);
        BOOST_CHECK_MESSAGE(r.err.find(canary.substr(9, 40)) == std::string::npos, "echoed:\n" << r.err);
        BOOST_CHECK_MESSAGE(r.out.find(canary.substr(9, 40)) == std::string::npos, "echoed:\n" << r.out);
    }
    for (const auto& [base_url, model] : std::vector<std::pair<std::string, std::string>>{
             {openrouter_base, canary},
             {"https://user:" + canary + "@openrouter.ai/api/v1", "openai/gpt-4o-mini"},
             {openrouter_base + "?key=" + canary, "openai/gpt-4o-mini"}}) {
        write_env(home, env_yaml(base_url, canary, model));
        for (const auto* format : {"--json", "-v"}) {
            auto args = simulator_args(sim);
            args.insert(args.begin(), {"check-all", format});
            const auto r = run_ngdoctor(args, home.path(), {});
            BOOST_CHECK(r.exit_code != 3 && r.exit_code < 128);
            BOOST_CHECK_MESSAGE(r.out.find(canary.substr(9, 40)) == std::string::npos,
                                "printed with " << base_url << " / " << model << ":\n" << r.out);
            BOOST_CHECK(r.err.find(canary.substr(9, 40)) == std::string::npos);
        }
    }
}
