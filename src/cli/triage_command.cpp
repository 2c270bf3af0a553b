// `triage PATH...`: read a run's files and logs after it failed, print the causes (the
// owning check's finding, count, first place, evidence, fix) and the run's shape.
#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "config/file_kind.hpp"
#include "config/resolve.hpp"

#include "doctor/check.hpp"
#include "doctor/did_you_mean.hpp"
#include "doctor/exit_code.hpp"
#include "doctor/plain_text.hpp"
#include "doctor/scrub.hpp"
#include "doctor/target.hpp"
#include "net/client.hpp"
#include "net/tls.hpp"
#include "openrouter/api.hpp"
#include "report/report.hpp"
#include "report/triage_json.hpp"
#include "report/triage_text.hpp"
#include "triage/redact.hpp"
#include "triage/triage.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/program_options.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <ostream>
#include <sstream>
#include <sys/ioctl.h>
#include <unistd.h>

namespace ngd::cli {
namespace po = boost::program_options;

namespace {

struct triage_options {
    bool json = false, verbose = false, no_color = false, help = false, check = false, generations = false;
    std::vector<std::string> paths;
    // Passed to the checks of --check, as `ngdoctor check` takes them; --generations uses them too.
    std::optional<std::string> env_file, timeout;
    std::vector<std::string> cacerts, connect_tos;
};

po::options_description describe(triage_options& o)
{
    po::options_description d("Options");
    d.add_options()
        ("json", po::bool_switch(&o.json), "print the report as JSON (schema ngdoctor.triage/v1)")
        ("verbose,v", po::bool_switch(&o.verbose), "also list every source read, with its kind and line count")
        ("no-color", po::bool_switch(&o.no_color), "no ANSI colour")
        ("check", po::bool_switch(&o.check),
         "then run the pre-run checks that own the causes, against the run's config (its env.yaml and "
         ".hydra/overrides.yaml when among the files read, else the current folder's): is the cause still there?")
        ("generations", po::bool_switch(&o.generations),
         "ask OpenRouter (GET /api/v1/generation) about a few of the generation ids (gen-...) the files mention, "
         "the first and last seen: provider, model, finish reason, latency, tokens and cost. Uses "
         "OPENROUTER_API_KEY, else the policy_api_key of the run's config")
        ("env-file", po::value<std::string>()->value_name("PATH")->notifier([&o](const std::string& v) { o.env_file = v; }),
         "with --check or --generations: use this env.yaml")
        ("timeout", po::value<std::string>()->value_name("SECONDS")->notifier([&o](const std::string& v) { o.timeout = v; }),
         "with --check or --generations: per network operation")
        ("cacert", po::value(&o.cacerts)->value_name("FILE")->composing(),
         "with --check or --generations: trust these CA certificates too")
        ("connect-to", po::value(&o.connect_tos)->value_name("H1:P1:H2:P2")->composing(),
         "with --check or --generations: connect to H2:P2 whenever H1:P1 is asked for")
        ("help,h", po::bool_switch(&o.help), "this help");
    return d;
}

/// The terminal's width when stdout is one, else $COLUMNS, else 100.
std::size_t terminal_width(const console& io)
{
    if (io.out_is_tty) {
        winsize size{};
        if (::ioctl(1, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    }
    if (const char* columns = std::getenv("COLUMNS"); columns && std::atoi(columns) > 0)
        return static_cast<std::size_t>(std::atoi(columns));
    return 100;
}

/// The last guard before printing: no key leaves, whatever a cause quotes.
void redact_all(report::triage_report& r)
{
    auto clean = [](std::string& s) {
        s = doctor::within_shown_length(doctor::plain_text(doctor::scrub(triage::redact(s), {})));
    };
    for (auto& c : r.causes) {
        clean(c.evidence);
        clean(c.first_seen);
        clean(c.finding.summary);
        for (auto& d : c.finding.details) clean(d);
        clean(c.finding.remedy.text);
        for (auto& command : c.finding.remedy.commands) clean(command);
    }
    for (auto& s : r.sources) clean(s.path);
    clean(r.generations.note);
    for (auto& g : r.generations.looked_up) {
        clean(g.error);
        clean(g.provider);
        clean(g.model);
    }
}

/// The pre-run checks that own the causes found, each once, in the order of the causes.
std::vector<std::string> owning_checks(const report::triage_report& r)
{
    std::vector<std::string> ids;
    for (const auto& c : r.causes) {
        const auto& table = doctor::check_table();
        const bool is_check = std::any_of(table.begin(), table.end(), [&](const auto& row) { return row.id == c.finding.check_id; });
        if (is_check && std::find(ids.begin(), ids.end(), c.finding.check_id) == ids.end()) ids.push_back(c.finding.check_id);
    }
    return ids;
}

/// `ngdoctor check IDS...` with the run's config: its env.yaml and overrides where the files
/// showed them (the caller's --env-file wins), else what the current folder has.
std::vector<std::string> check_arguments(const triage_options& o, const triage::triage_result& result,
                                         const std::vector<std::string>& ids, bool json)
{
    std::vector<std::string> args = ids;
    if (json) args.emplace_back("--json=compact");
    if (o.no_color) args.emplace_back("--no-color");
    if (o.env_file) args.insert(args.end(), {"--env-file", *o.env_file});
    else if (!result.env_file.empty()) args.insert(args.end(), {"--env-file", result.env_file});
    if (o.timeout) args.insert(args.end(), {"--timeout", *o.timeout});
    for (const auto& c : o.cacerts) args.insert(args.end(), {"--cacert", c});
    for (const auto& c : o.connect_tos) args.insert(args.end(), {"--connect-to", c});
    args.insert(args.end(), result.run_overrides.begin(), result.run_overrides.end());
    return args;
}

/// At most this many ids are looked up: a sample (the first and last seen), not an audit.
constexpr std::size_t generations_asked_at_most = 5;
constexpr std::string_view default_base_url = "https://openrouter.ai/api/v1";

/// The key and base URL to ask with: OPENROUTER_API_KEY, else the policy_api_key of the
/// config the run used (resolved as `check` resolves it); the base URL from that config.
struct lookup_credentials {
    std::string key;  ///< never printed; empty = none found
    std::string base_url{default_base_url};
    std::string key_from;  ///< "OPENROUTER_API_KEY" or the config path ("policy_api_key"), said on a refusal
};

bool is_openrouter(const doctor::target& t)
{
    return !t.base_url.value || t.base_url.value->find("openrouter.ai") != std::string::npos;
}

lookup_credentials credentials_for(const triage_options& o, const triage::triage_result& result)
{
    lookup_credentials c;
    config::resolve_options options;
    if (o.env_file) options.env_file = *o.env_file;
    else if (!result.env_file.empty()) options.env_file = result.env_file;
    options.overrides = result.run_overrides;
    options.python_version = [] { return std::optional<std::string>(); };
    const auto resolved = config::resolve(options);
    const auto targets = doctor::find_targets(resolved.root);
    // OpenRouter's targets first (a vllm_model server has no generation records), then any
    // with a key: a base URL elsewhere may be OpenRouter behind a proxy.
    const doctor::target* chosen = nullptr;
    auto has_key = [](const doctor::target& t) { return t.api_key.value && !t.api_key.value->empty() && !t.api_key.unresolved; };
    for (const auto& t : targets)
        if (!chosen && has_key(t) && is_openrouter(t)) chosen = &t;
    for (const auto& t : targets)
        if (!chosen && has_key(t)) chosen = &t;
    if (const auto env = config::process_environment()("OPENROUTER_API_KEY"); env && !env->empty()) {
        c.key = *env;
        c.key_from = "OPENROUTER_API_KEY";
    } else if (chosen) {
        c.key = *chosen->api_key.value;
        c.key_from = chosen->api_key.path;
    }
    if (chosen && chosen->base_url.value && !chosen->base_url.value->empty() && !chosen->base_url.unresolved)
        c.base_url = *chosen->base_url.value;
    return c;
}

/// One answer of GET /generation as the report shows it; errors say what happened, honestly.
report::triage_generation generation_entry(const std::string& id, const openrouter::api_result<openrouter::generation>& r,
                                           const std::string& key_from)
{
    report::triage_generation g;
    g.id = id;
    g.http_status = r.raw ? r.raw->status : 0;
    if (r.ok()) {
        g.outcome = "found";
        g.provider = r->provider_name.value_or("");
        g.model = r->model;
        g.finish_reason = r->finish_reason.value_or("");
        g.native_finish_reason = r->native_finish_reason.value_or("");
        g.created_at = r->created_at.value_or("");
        g.latency_ms = r->latency_ms;
        g.generation_time_ms = r->generation_time_ms;
        g.total_cost = r->total_cost;
        g.tokens_prompt = r->tokens_prompt;
        g.tokens_completion = r->tokens_completion;
        g.native_tokens_prompt = r->native_tokens_prompt;
        g.native_tokens_completion = r->native_tokens_completion;
        g.native_tokens_reasoning = r->native_tokens_reasoning;
        return g;
    }
    const auto& e = r.error;
    const std::string said = e.server_message.empty() ? "" : ": \"" + e.server_message + "\"";
    if (e.status == 404 && !e.html) {
        g.outcome = "not_found";
        g.error = "not found (HTTP 404" + said + "): this key's account has no generation with this id, or it is "
                  "not indexed yet (right after a run, ask again in a minute)";
    } else if (e.status == 401 || e.status == 403) {
        g.outcome = "unauthorized";
        g.error = "the key was refused (HTTP " + std::to_string(e.status) + said + "): the key of " + key_from +
                  "; check it with `ngdoctor check key.status`";
    } else if (e.status == 0) {
        g.outcome = "error";
        g.error = "no answer (" + std::string(net::to_string(e.cls)) + "): " + e.detail;
    } else {
        g.outcome = "error";
        g.error = e.detail;
    }
    return g;
}

/// The HTTP options of --generations from the command line; a message when one is wrong
/// (a usage error, as `ngdoctor check` makes it).
std::optional<std::string> lookup_net_options(const triage_options& o, net::client_options& options)
{
    if (o.timeout) {
        try {
            const double seconds = std::stod(*o.timeout);
            if (!(seconds > 0)) throw std::invalid_argument("not positive");
            options.timeout = std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0));
        } catch (const std::exception&) {
            return "--timeout wants a number of seconds above 0, got '" + *o.timeout + "'";
        }
    }
    options.cacert_files = o.cacerts;
    for (const auto& text : o.connect_tos) {
        auto parsed = net::parse_connect_to(text);
        if (!parsed) return "--connect-to wants H1:P1:H2:P2, got '" + text + "'";
        options.connect_tos.push_back(*parsed);
    }
    if (const auto problem = net::cacert_problem(o.cacerts)) return "--cacert: " + *problem;
    net::apply_proxy_environment(options);
    options.user_agent = "ngdoctor/" + std::string(report::version());
    return std::nullopt;
}

/// Looks up a few of the ids the files mention, all at once; fills `lookup`. A missing key
/// is a note, never a failure of the triage itself.
void look_up_generations(const triage_options& o, const net::client_options& options,
                         const triage::triage_result& result, report::generation_lookup& lookup)
{
    lookup.asked = true;
    lookup.mentions = result.generation_mentions;
    if (result.generation_ids.empty()) {
        lookup.note = "no OpenRouter generation id (gen-...) in the files read: nothing to look up";
        return;
    }
    const auto credentials = credentials_for(o, result);
    if (credentials.key.empty()) {
        lookup.note = "not looked up: no key to ask with. Set OPENROUTER_API_KEY, or pass the run's env.yaml "
                      "(--env-file) holding policy_api_key";
        return;
    }
    std::vector<std::string> ids = result.generation_ids;
    if (ids.size() > generations_asked_at_most) ids.resize(generations_asked_at_most);
    std::vector<std::optional<openrouter::api_result<openrouter::generation>>> answers(ids.size());
    boost::asio::io_context io_context;
    net::client http(io_context.get_executor(), options);
    for (std::size_t i = 0; i < ids.size(); ++i)
        boost::asio::co_spawn(
            io_context,
            [&, i]() -> boost::asio::awaitable<void> {
                answers[i] = co_await openrouter::get_generation(http, credentials.base_url, credentials.key, ids[i]);
            },
            boost::asio::detached);
    io_context.run();
    for (std::size_t i = 0; i < ids.size(); ++i) {
        report::triage_generation entry;
        if (answers[i]) {
            entry = generation_entry(ids[i], *answers[i], credentials.key_from);
        } else {
            entry.id = ids[i];
            entry.outcome = "error";
            entry.error = "the request did not finish";
        }
        // The key may be echoed by a server message; it never leaves.
        entry.error = doctor::scrub(entry.error, {credentials.key});
        lookup.looked_up.push_back(std::move(entry));
    }
}

}  // namespace

int run_triage(const std::vector<std::string>& args, console& io)
{
    triage_options o;
    const auto described = describe(o);
    po::options_description all;
    all.add(described).add_options()("paths", po::value(&o.paths));
    po::positional_options_description positional;
    positional.add("paths", -1);
    if (const auto mistake = parse_command_line(args, all, positional, described)) return usage_error(io, *mistake, "triage");
    if (o.help) {
        io.out << "Usage: ngdoctor triage [--json] [-v] [--check] [--generations] PATH...\n"
                  "Find why a NeMo Gym run failed from what it left behind. PATH is a rollout output\n"
                  "(<stem>.jsonl or its folder: _materialized_inputs, _failures, _aggregate_metrics and\n"
                  "capture files are found by name), a server log or nemo_gym_log_dir folder, a saved\n"
                  "terminal transcript, or - for standard input. Keys found are never printed.\n"
                  "Exit codes: 0 no cause found, 1 a cause found, 2 usage error.\n\n"
               << described;
        return doctor::exit_ok;
    }
    if (o.paths.empty()) return usage_error(io, "name at least one PATH (a run folder, a log, a transcript, or -)", "triage");
    if (o.env_file)
        if (auto why = config::not_a_readable_file(*o.env_file))
            return usage_error(io, "--env-file '" + *o.env_file + "' " + *why, "triage");

    net::client_options lookup_options;
    if (o.generations)
        if (auto why = lookup_net_options(o, lookup_options)) return usage_error(io, *why, "triage");

    auto result = triage::run_triage(o.paths, 0, o.generations);
    if (!result.usage_error.empty()) return usage_error(io, result.usage_error, "triage");
    if (o.generations) look_up_generations(o, lookup_options, result, result.report.generations);
    redact_all(result.report);

    const auto ids = o.check ? owning_checks(result.report) : std::vector<std::string>();
    if (o.json) {
        if (!o.check) {
            report::render_triage_json(io.out, result.report);
        } else {
            // The checks' own report (ngdoctor.report/v1) under "check": null when no check owns a cause.
            std::ostringstream triage_json, check_json, check_err;
            report::render_triage_json(triage_json, result.report);
            boost::json::object root = boost::json::parse(triage_json.str()).as_object();
            root["check"] = nullptr;
            if (!ids.empty()) {
                console quiet{check_json, check_err, false, false};
                run_check(check_arguments(o, result, ids, true), quiet);
                boost::json::error_code ec;
                auto checked = boost::json::parse(check_json.str(), ec);
                if (!ec) root["check"] = std::move(checked);
            }
            io.out << boost::json::serialize(root) << '\n';
        }
    } else {
        const char* no_color = std::getenv("NO_COLOR");
        report::triage_text_style style;
        style.base.color = io.out_is_tty && !o.no_color && !(no_color && *no_color);
        style.base.verbose = o.verbose;
        style.width = terminal_width(io);
        report::render_triage_text(io.out, result.report, style);
        if (o.check) {
            if (ids.empty()) {
                io.out << "\nnow: no pre-run check owns these causes\n";
            } else {
                io.out << "\nnow, with the run's config: ngdoctor check";
                for (const auto& id : ids) io.out << ' ' << id;
                io.out << "\n\n";
                run_check(check_arguments(o, result, ids, false), io);
            }
        }
    }
    return result.report.causes.empty() ? doctor::exit_ok : doctor::exit_failed;
}

}  // namespace ngd::cli
