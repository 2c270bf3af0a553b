#pragma once
/// Runs the real `ngdoctor` against a running simulator, in a temporary folder holding the
/// user's env.yaml, and compares its JSON report with what the spec's verdict table says.
///
/// Expected verdicts are written as "status[/error_class]" strings, several allowed with
/// "|": "ok", "fail/http_401", "fail/http_404|fail/config", "fail/*" (any class). A status
/// without a class means class "none".
#include "support/process.hpp"
#include "support/simulator.hpp"
#include "support/temp_dir.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ngd::itest {

namespace json = boost::json;

// ---- keys ---------------------------------------------------------------------------

/// The simulator's default world knows this key (a documentation example, not a real key).
inline const std::string default_key =
    "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";

/// A fake key shaped exactly like a real one: `sk-or-v1-` + 64 lowercase hex, distinct per seed.
inline std::string fake_key(std::uint64_t seed)
{
    static constexpr char hex[] = "0123456789abcdef";
    std::string key = "sk-or-v1-";
    std::uint64_t state = seed * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL;
    for (int i = 0; i < 64; ++i) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        key += hex[state % 16];
    }
    return key;
}

/// Replaces every `{NAME}` in `text` with its value.
inline std::string fill(std::string text, const std::map<std::string, std::string>& values)
{
    for (const auto& [name, value] : values) {
        const std::string token = "{" + name + "}";
        for (auto at = text.find(token); at != std::string::npos; at = text.find(token, at + value.size()))
            text.replace(at, token.size(), value);
    }
    return text;
}

// ---- the user's folder --------------------------------------------------------------

/// The three policy_* lines of an env.yaml, plus any extra lines.
inline std::string env_yaml(const std::string& base_url, const std::string& key, const std::string& model,
                            const std::string& extra = {})
{
    return "policy_base_url: " + base_url + "\npolicy_api_key: " + key + "\npolicy_model_name: " + model + "\n" +
           extra;
}

inline const std::string openrouter_base = "https://openrouter.ai/api/v1";

/// Writes env.yaml readable by its owner only, as a careful user keeps a file with a key.
inline std::filesystem::path write_env(const test::temp_dir& dir, const std::string& text)
{
    auto file = dir.write("env.yaml", text);
    std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::replace);
    return file;
}

// ---- running ngdoctor ---------------------------------------------------------------

/// The environment a run sees: nothing of ours that would change its verdicts.
inline std::map<std::string, std::optional<std::string>> clean_env()
{
    std::map<std::string, std::optional<std::string>> env;
    for (const char* name : {"NO_COLOR", "NEMO_GYM_CONFIG_DICT", "NEMO_GYM_EXTRA_ROOTS", "HTTPS_PROXY", "https_proxy",
                             "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy",
                             "OPENROUTER_API_KEY", "OPENROUTER_MANAGEMENT_KEY", "POLICY_DROP_REASONING_ITEMS"})
        env.emplace(name, std::nullopt);
    return env;
}

/// One finished run and its parsed report (null when stdout was not JSON).
struct doctor_run {
    test::run_result raw;
    json::value report;
};

inline std::ostream& operator<<(std::ostream& out, const doctor_run& r)
{
    return out << "exit " << r.raw.exit_code << "\n--- stdout ---\n" << r.raw.out << "\n--- stderr ---\n" << r.raw.err;
}

/// `ngdoctor ARGS` in `cwd`, no shell.
inline test::run_result run_ngdoctor(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                                     std::map<std::string, std::optional<std::string>> extra_env = {})
{
    auto env = clean_env();
    for (auto& [name, value] : extra_env) env[name] = std::move(value);
    return test::run(test::staged_binary("ngdoctor"), args, {cwd, env, "", std::chrono::seconds(90)});
}

/// The arguments that point ngdoctor at the simulator: --cacert and one --connect-to per host.
inline std::vector<std::string> simulator_args(const test::simulator& sim, bool trust_ca = true)
{
    std::vector<std::string> args;
    if (trust_ca) args = {"--cacert", sim.ca_file().string()};
    const auto connect = sim.connect_to_args();
    args.insert(args.end(), connect.begin(), connect.end());
    return args;
}

/// `ngdoctor check-all --json <simulator args> EXTRA` in `cwd`.
inline doctor_run check_all(const test::simulator& sim, const std::filesystem::path& cwd,
                            const std::vector<std::string>& extra = {}, bool trust_ca = true,
                            std::map<std::string, std::optional<std::string>> extra_env = {})
{
    std::vector<std::string> args{"check-all", "--json"};
    const auto to_sim = simulator_args(sim, trust_ca);
    args.insert(args.end(), to_sim.begin(), to_sim.end());
    args.insert(args.end(), extra.begin(), extra.end());
    doctor_run r{run_ngdoctor(args, cwd, std::move(extra_env)), nullptr};
    boost::system::error_code error;
    r.report = json::parse(r.raw.out, error);
    if (error) r.report = nullptr;
    return r;
}

// ---- reading the report -------------------------------------------------------------

/// The check ids of spec §3, in table order.
inline const std::array<std::string, 14> check_ids{
    "config.env_file", "config.resolve",     "config.adapter",  "config.secrets", "key.format",
    "base_url.format", "model.id_format",    "base_url.reach",  "key.status",     "model.availability",
    "provider.status", "credits",            "rate_limits",     "inference.probe"};

inline bool is_config_check(std::string_view id) { return id.starts_with("config."); }

inline std::string text_of(const json::value& v, std::string_view field)
{
    if (!v.is_object()) return {};
    const auto* f = v.as_object().if_contains(field);
    return f && f->is_string() ? std::string(f->as_string()) : std::string();
}

/// The rows of one check for one target (config checks: target "config").
inline std::vector<const json::object*> rows_of(const json::value& report, std::string_view id, std::string_view target)
{
    std::vector<const json::object*> rows;
    if (!report.is_object() || !report.as_object().contains("checks")) return rows;
    for (const auto& c : report.at("checks").as_array()) {
        if (text_of(c, "id") != id) continue;
        if (!is_config_check(id) && text_of(c, "target") != target) continue;
        rows.push_back(&c.as_object());
    }
    return rows;
}

inline const json::object* row_of(const json::value& report, std::string_view id, std::string_view target)
{
    const auto rows = rows_of(report, id, target);
    return rows.size() == 1 ? rows.front() : nullptr;
}

/// Everything a user reads about a finding: summary, details, fix text and commands.
inline std::string all_text(const json::object& row)
{
    std::string text = text_of(row, "summary");
    if (const auto* details = row.if_contains("details"); details && details->is_array())
        for (const auto& d : details->as_array())
            if (d.is_string()) text += "\n" + std::string(d.as_string());
    if (const auto* fix = row.if_contains("fix"); fix && fix->is_object()) {
        text += "\n" + text_of(*fix, "text");
        if (const auto* commands = fix->as_object().if_contains("commands"); commands && commands->is_array())
            for (const auto& c : commands->as_array())
                if (c.is_string()) text += "\n" + std::string(c.as_string());
    }
    return text;
}

/// "status/class" as the report gives it.
inline std::string verdict_of(const json::object& row)
{
    return text_of(row, "status") + "/" + text_of(row, "error_class");
}

/// Whether `verdict` ("fail/http_401") is one the expectation allows.
inline bool verdict_matches(const std::string& verdict, const std::string& expected)
{
    std::stringstream alternatives(expected);
    for (std::string one; std::getline(alternatives, one, '|');) {
        if (one.find('/') == std::string::npos) one += "/none";
        if (one == verdict) return true;
        if (one.ends_with("/*") && verdict.starts_with(one.substr(0, one.size() - 1))) return true;
    }
    return false;
}

// ---- expectations -------------------------------------------------------------------

/// Expected verdict per check id, for one target; must name all 14 checks.
using verdicts = std::map<std::string, std::string>;

/// A healthy OpenRouter setup without --live: everything ok, inference.probe skipped.
inline verdicts healthy()
{
    verdicts v;
    for (const auto& id : check_ids) v[id] = "ok";
    v["inference.probe"] = "skip";
    return v;
}

/// `base` with some verdicts changed.
inline verdicts with(verdicts base, const verdicts& changes)
{
    for (const auto& [id, verdict] : changes) base[id] = verdict;
    return base;
}

/// Every network check that cannot run when base_url.reach fails (they wait for it).
inline verdicts unreachable(verdicts base, const std::string& reach_verdict)
{
    return with(std::move(base), {{"base_url.reach", reach_verdict}, {"key.status", "skip"},
                                  {"model.availability", "skip"}, {"provider.status", "skip"},
                                  {"credits", "skip"}, {"rate_limits", "skip"}, {"inference.probe", "skip"}});
}

/// Compares every one of the 14 checks of `target` with `expected`; each must appear once.
inline void expect_verdicts(const doctor_run& run, const std::string& target, const verdicts& expected)
{
    BOOST_REQUIRE_MESSAGE(run.report.is_object(), "no JSON report on stdout:\n" << run);
    BOOST_CHECK_EQUAL(text_of(run.report, "schema"), "ngdoctor.report/v1");
    BOOST_REQUIRE_EQUAL(expected.size(), check_ids.size());
    for (const auto& id : check_ids) {
        const auto rows = rows_of(run.report, id, target);
        if (rows.size() != 1) {
            BOOST_ERROR(id << " for " << target << ": " << rows.size() << " rows, expected 1");
            continue;
        }
        const auto verdict = verdict_of(*rows.front());
        const auto& want = expected.at(id);
        BOOST_CHECK_MESSAGE(verdict_matches(verdict, want), id << " for " << target << ": got " << verdict
                                                               << ", expected " << want << " — \""
                                                               << text_of(*rows.front(), "summary") << "\"");
    }
}

/// The finding of `id` for `target` says `needle` somewhere (summary, details or fix).
inline void expect_mention(const doctor_run& run, const std::string& target, const std::string& id,
                           const std::string& needle)
{
    const auto* row = row_of(run.report, id, target);
    BOOST_REQUIRE_MESSAGE(row, id << " for " << target << " is missing");
    const auto text = all_text(*row);
    BOOST_CHECK_MESSAGE(text.find(needle) != std::string::npos,
                        id << " for " << target << " should mention \"" << needle << "\"; it says:\n" << text);
}

/// The finding of `id` for `target` never says `needle`.
inline void expect_no_mention(const doctor_run& run, const std::string& target, const std::string& id,
                              const std::string& needle)
{
    const auto* row = row_of(run.report, id, target);
    BOOST_REQUIRE_MESSAGE(row, id << " for " << target << " is missing");
    const auto text = all_text(*row);
    BOOST_CHECK_MESSAGE(text.find(needle) == std::string::npos,
                        id << " for " << target << " should not say \"" << needle << "\"; it says:\n" << text);
}

// ---- the simulator's request log ----------------------------------------------------

/// One request the simulator saw: host, method, path, auth ("none", "unknown" or a key's
/// scenario name; never the key), status, tls.
struct logged_request {
    std::string host, method, path, auth;
    int status = 0;
    bool tls = false;
};

inline std::ostream& operator<<(std::ostream& out, const logged_request& r)
{
    return out << r.method << " " << r.host << r.path << " auth=" << r.auth << " -> " << r.status;
}

inline std::vector<logged_request> requests_of(const test::simulator& sim)
{
    std::vector<logged_request> list;
    for (const auto& line : sim.log_lines()) {
        boost::system::error_code error;
        const auto v = json::parse(line, error);
        if (error || !v.is_object()) {
            BOOST_ERROR("unreadable request log line: " << line);
            continue;
        }
        logged_request r{text_of(v, "host"), text_of(v, "method"), text_of(v, "path"), text_of(v, "auth")};
        if (const auto* s = v.as_object().if_contains("status"); s && s->is_int64()) r.status = int(s->as_int64());
        if (const auto* t = v.as_object().if_contains("tls"); t && t->is_bool()) r.tls = t->as_bool();
        // The host may come with its port; the promises are about the host name.
        if (const auto colon = r.host.rfind(':'); colon != std::string::npos && r.host.find(']') == std::string::npos)
            r.host.resize(colon);
        list.push_back(std::move(r));
    }
    return list;
}

/// The requests that asked for an inference (a completion or a response): these cost money.
inline std::vector<logged_request> inference_requests(const std::vector<logged_request>& log)
{
    std::vector<logged_request> paid;
    for (const auto& r : log)
        if (r.path.find("/chat/completions") != std::string::npos || r.path.find("/responses") != std::string::npos ||
            r.path.find("/completions") != std::string::npos)
            paid.push_back(r);
    return paid;
}

}  // namespace ngd::itest
