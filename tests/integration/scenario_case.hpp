#pragma once
/// One row of a data-driven integration test: a simulated world, the user's folder, the
/// command line, and every verdict the spec's table demands for that situation.
#include "run_report.hpp"
#include "report_pasteable.hpp"

#include <ostream>

namespace ngd::itest {

struct scenario_case {
    std::string name = {};
    /// Simulator scenario JSON ("" = the default world); `{KEY}` is the case's key.
    std::string scenario = {};
    /// env.yaml; `{KEY}` is the case's key, `{PLAIN}` the simulator's plain-HTTP base URL,
    /// `{ORIGIN}` the same without its path.
    std::string env = {};
    /// After `check-all --json --cacert ... --connect-to ...`; `{PORT}` is the simulator's port.
    std::vector<std::string> args = {};
    /// All 14 verdicts for `target`.
    verdicts expected = {};
    int exit_code = 0;
    /// (check id, text) the finding must say / must not say.
    std::vector<std::pair<std::string, std::string>> mentions = {};
    std::vector<std::pair<std::string, std::string>> never = {};
    std::string key = default_key;
    bool trust_ca = true;
    /// More files of the user's folder (config files), by relative path.
    std::map<std::string, std::string> files = {};
    std::string target = "policy";
    /// Environment variables of the run (on top of a clean environment).
    std::map<std::string, std::optional<std::string>> env_vars = {};
};

inline std::ostream& operator<<(std::ostream& out, const scenario_case& c) { return out << c.name; }

/// Starts the simulator, writes the folder, runs check-all and checks every verdict, the
/// exit code and the texts. Returns the run for further assertions.
inline doctor_run run_case(const scenario_case& c, const test::simulator& sim)
{
    test::temp_dir home;
    const std::map<std::string, std::string> values{{"KEY", c.key}, {"PLAIN", sim.plain_base_url()},
                                                    {"ORIGIN", "http://127.0.0.1:" + std::to_string(sim.port())},
                                                    {"PORT", std::to_string(sim.port())}};
    write_env(home, fill(c.env, values));
    for (const auto& [path, text] : c.files) home.write(path, fill(text, values));
    auto env_vars = c.env_vars;
    for (auto& [name, value] : env_vars)
        if (value) value = fill(*value, values);
    std::vector<std::string> args;
    for (const auto& arg : c.args) args.push_back(fill(arg, values));
    auto run = check_all(sim, home.path(), args, c.trust_ca, env_vars);
    BOOST_TEST_MESSAGE(c.name << ": exit " << run.raw.exit_code);
    BOOST_CHECK_MESSAGE(!run.raw.timed_out, c.name << ": the run did not end");
    BOOST_CHECK_MESSAGE(run.raw.exit_code == c.exit_code,
                        c.name << ": exit code " << run.raw.exit_code << ", expected " << c.exit_code);
    expect_verdicts(run, c.target, c.expected);
    for (const auto& [id, text] : c.mentions) expect_mention(run, c.target, id, text);
    for (const auto& [id, text] : c.never) expect_no_mention(run, c.target, id, text);
    expect_pasteable(run.report, c.name);
    if (!run.report.is_object() || run.raw.exit_code != c.exit_code) BOOST_TEST_MESSAGE(run);
    return run;
}

inline doctor_run run_case(const scenario_case& c)
{
    test::simulator sim(fill(c.scenario, {{"KEY", c.key}}));
    return run_case(c, sim);
}

}  // namespace ngd::itest
