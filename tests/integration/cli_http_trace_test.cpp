// `-vv`: every HTTP exchange of a check run on stderr, as `curl -v` shows it — one for each
// request the server saw (redirect hops apart), each with its status or its transport
// error, no key anywhere, and stdout left as it was (--json still parses). `-v` alone
// traces nothing.
#define BOOST_TEST_MODULE cli_http_trace
#include <boost/test/unit_test.hpp>

#include "run_report.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <regex>

using namespace ngd::itest;

namespace {

const std::string key = fake_key(0x7ACE);

const std::string known_key = R"("keys": {")" + key + R"(": {"name": "trace", "limit": 20, "usage": 1}})";

// A server that sets a cookie and echoes the key in a header of its own.
const std::string echoing_providers = R"("faults": [
  {"path": "/api/v1/providers", "kind": "status", "status": 500,
   "headers": {"Set-Cookie": "session=)" +
                                      key + R"(; Path=/", "X-Echo": "Bearer )" + key + R"("},
   "body": {"error": {"message": "Internal Server Error", "code": 500}}}])";

/// One exchange as the trace printed it.
struct traced_exchange {
    std::string method, url;
    std::vector<std::string> request_headers;
    int status = 0;     ///< from the `< NNN` line; 0 when none came
    std::string error;  ///< the `* ` line, when the exchange failed
    std::vector<std::string> response_headers;
    bool resumed = false;  ///< `* TLS session resumed`: a note, not a failure
};

std::ostream& operator<<(std::ostream& out, const traced_exchange& e)
{
    return out << e.method << " " << e.url << " -> " << e.status << " " << e.error;
}

std::vector<traced_exchange> exchanges_in(const std::string& err)
{
    static const std::regex request_line(R"(^> ([A-Z]+) (https?://\S+)$)");
    static const std::regex status_line(
        R"(^< ([0-9]{3})( .*)? \([0-9]+ ms, [0-9.]+ [kMG]?B sent, [0-9.]+ [kMG]?B received\)$)");
    std::vector<traced_exchange> list;
    std::istringstream lines(err);
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (std::regex_match(line, m, request_line)) {
            list.push_back({m[1], m[2], {}, 0, {}, {}});
            continue;
        }
        if (list.empty()) continue;
        auto& e = list.back();
        if (std::regex_match(line, m, status_line) && e.status == 0 && e.error.empty())
            e.status = std::stoi(m[1]);
        else if (line.starts_with("> "))
            e.request_headers.push_back(line.substr(2));
        else if (line.starts_with("< "))
            e.response_headers.push_back(line.substr(2));
        else if (line == "* TLS session resumed")
            e.resumed = true;
        else if (line.starts_with("* "))
            e.error = line.substr(2);
    }
    return list;
}

/// One request in the simulator's log, as the URL the client asked for.
struct logged_exchange {
    std::string method, url;
    int status = 0;
};

std::ostream& operator<<(std::ostream& out, const logged_exchange& e)
{
    return out << e.method << " " << e.url << " -> " << e.status;
}

std::vector<logged_exchange> log_of(const ngd::test::simulator& sim)
{
    std::vector<logged_exchange> list;
    for (const auto& line : sim.log_lines()) {
        const auto v = json::parse(line);
        // The simulated hosts are asked for on port 443, which a URL leaves out.
        list.push_back({text_of(v, "method"), text_of(v, "scheme") + "://" + text_of(v, "host") + text_of(v, "path"),
                        int(v.at("status").as_int64())});
    }
    return list;
}

bool has(const std::string& text, std::string_view part)
{
    return text.find(part) != std::string::npos;
}

void expect_no_key(const ngd::test::run_result& r)
{
    for (const auto* stream : {&r.out, &r.err}) {
        BOOST_TEST(!has(*stream, key), "the key is printed:\n" << *stream);
        BOOST_TEST(!has(*stream, key.substr(9)), "the key's hex is printed:\n" << *stream);
    }
}

std::vector<std::string> with_simulator(std::vector<std::string> args, const ngd::test::simulator& sim)
{
    const auto to_sim = simulator_args(sim);
    args.insert(args.end(), to_sim.begin(), to_sim.end());
    return args;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_request_the_server_saw_is_traced_with_its_status_and_no_key)
{
    ngd::test::simulator sim("{" + known_key + ", " + echoing_providers + "}");
    ngd::test::temp_dir home;
    // An Anthropic model: its status page redirects to another host, a hop of its own.
    write_env(home, env_yaml(openrouter_base, key, "anthropic/claude-sonnet-4.5"));
    const auto r = run_ngdoctor(with_simulator({"check-all", "--json", "-vv"}, sim), home.path());
    BOOST_TEST((r.exit_code == 0 || r.exit_code == 1), "exit " << r.exit_code << "\n" << r.err);

    boost::system::error_code error;
    const auto report = json::parse(r.out, error);
    BOOST_TEST_REQUIRE(!error, "stdout is not JSON:\n" << r.out);
    BOOST_TEST(text_of(report, "schema") == "ngdoctor.report/v1");
    expect_no_key(r);

    auto traced = exchanges_in(r.err);
    const auto logged = log_of(sim);
    BOOST_TEST_REQUIRE(!logged.empty());
    BOOST_TEST(traced.size() == logged.size(), traced.size() << " traced, " << logged.size() << " logged:\n" << r.err);
    for (const auto& request : logged) {
        const auto found = std::find_if(traced.begin(), traced.end(), [&](const traced_exchange& e) {
            return e.method == request.method && e.url == request.url;
        });
        BOOST_TEST_REQUIRE((found != traced.end()), "no trace of " << request << " in:\n" << r.err);
        BOOST_TEST(found->status == request.status, *found);
        BOOST_TEST(found->error.empty(), *found);
        traced.erase(found);
    }

    const auto again = exchanges_in(r.err);
    auto at = [&](const std::string& url) {
        const auto it = std::find_if(again.begin(), again.end(), [&](const auto& e) { return e.url == url; });
        BOOST_TEST_REQUIRE((it != again.end()), url << " is not traced:\n" << r.err);
        return *it;
    };
    const auto key_request = at("https://openrouter.ai/api/v1/key");
    BOOST_TEST(std::count(key_request.request_headers.begin(), key_request.request_headers.end(),
                          "Authorization: Bearer " + key.substr(0, 12) + "..." + key.substr(key.size() - 3)) == 1,
               r.err);
    const auto providers = at("https://openrouter.ai/api/v1/providers");
    BOOST_TEST(providers.status == 500);
    BOOST_TEST(std::count(providers.response_headers.begin(), providers.response_headers.end(),
                          "Set-Cookie: session=[REDACTED]; Path=/") == 1,
               r.err);
    // The redirect and its target, and the key never sent to either.
    BOOST_TEST(at("https://status.anthropic.com/api/v2/status.json").status == 302);
    const auto target = at("https://status.claude.com/api/v2/status.json");
    BOOST_TEST(target.status == 200);
    for (const auto& e : again)
        if (!e.url.starts_with("https://openrouter.ai/"))
            for (const auto& h : e.request_headers) BOOST_TEST(!h.starts_with("Authorization:"), e << ": " << h);
}

BOOST_AUTO_TEST_CASE(vv_is_also_spelled_v_v_and_verbose_verbose_and_v_alone_traces_nothing)
{
    ngd::test::simulator sim("{" + known_key + "}");
    ngd::test::temp_dir home;
    write_env(home, env_yaml(openrouter_base, key, "openai/gpt-4o-mini"));
    const auto plain = run_ngdoctor(with_simulator({"check-all"}, sim), home.path());
    BOOST_TEST(plain.exit_code == 0, plain.out << plain.err);

    for (const std::vector<std::string>& spelling :
         {std::vector<std::string>{"-vv"}, {"-v", "-v"}, {"--verbose", "--verbose"}, {"-v", "--verbose"}, {"-vvv"}}) {
        const std::size_t before = sim.log_lines().size();
        auto args = with_simulator({"check-all"}, sim);
        args.insert(args.end(), spelling.begin(), spelling.end());
        const auto r = run_ngdoctor(args, home.path());
        BOOST_TEST(r.exit_code == 0, spelling.front() << ": " << r.err);
        BOOST_TEST(exchanges_in(r.err).size() == sim.log_lines().size() - before, spelling.front() << ":\n" << r.err);
        BOOST_TEST(!exchanges_in(r.err).empty());
        expect_no_key(r);
    }

    // Before the command, as every option of the check commands may come.
    const std::size_t before = sim.log_lines().size();
    const auto global = run_ngdoctor(with_simulator({"-vv", "check-all"}, sim), home.path());
    BOOST_TEST(global.exit_code == 0, global.err);
    BOOST_TEST(exchanges_in(global.err).size() == sim.log_lines().size() - before, global.err);
    expect_no_key(global);

    const auto verbose = run_ngdoctor(with_simulator({"check-all", "-v"}, sim), home.path());
    BOOST_TEST(verbose.exit_code == 0, verbose.err);
    BOOST_TEST(exchanges_in(verbose.err).empty(), verbose.err);
    BOOST_TEST(!has(verbose.err, "> GET"), verbose.err);
    // -v still shows what it showed: the per-check timings plain output has not.
    BOOST_TEST(verbose.out.size() > plain.out.size());
    expect_no_key(verbose);

    const auto wrong = run_ngdoctor({"check-all", "--verbose=2", "--offline"}, home.path());
    BOOST_TEST(wrong.exit_code == 2, wrong.err);
}

BOOST_AUTO_TEST_CASE(a_transport_failure_is_an_exchange_with_its_error)
{
    // Bound but not listening: the port stays ours, and every connection to it is refused.
    const int held = ::socket(AF_INET, SOCK_STREAM, 0);
    BOOST_TEST_REQUIRE(held >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    BOOST_TEST_REQUIRE(::bind(held, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t size = sizeof address;
    BOOST_TEST_REQUIRE(::getsockname(held, reinterpret_cast<sockaddr*>(&address), &size) == 0);
    const std::string port = std::to_string(ntohs(address.sin_port));

    ngd::test::temp_dir home;
    write_env(home, env_yaml(openrouter_base, key, "openai/gpt-4o-mini"));
    // Every host and port goes to the closed one: nothing leaves the machine.
    const auto r = run_ngdoctor({"check-all", "--json", "-vv", "--connect-to", "::127.0.0.1:" + port}, home.path());
    ::close(held);
    BOOST_TEST(r.exit_code == 1, r.err);
    boost::system::error_code error;
    json::parse(r.out, error);
    BOOST_TEST(!error, "stdout is not JSON:\n" << r.out);
    expect_no_key(r);

    const auto traced = exchanges_in(r.err);
    const auto models = std::find_if(traced.begin(), traced.end(), [](const traced_exchange& e) {
        return e.method == "GET" && e.url == "https://openrouter.ai/api/v1/models";
    });
    BOOST_TEST_REQUIRE((models != traced.end()), r.err);
    BOOST_TEST(models->status == 0);
    BOOST_TEST(models->error.starts_with("connect failed, no answer ("), models->error);
    BOOST_TEST(has(models->error, "127.0.0.1:" + port), models->error);
    for (const auto& e : traced) BOOST_TEST((e.status == 0 && !e.error.empty()), e);
}
