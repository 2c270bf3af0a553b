// `check-all` and `check ID|GROUP...`: resolve the config, find the targets, run the
// checks, print the report, and return the exit code.
#include "cli/check_capture.hpp"
#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/platform.hpp"
#include "cli/terminal.hpp"
#include "doctor/did_you_mean.hpp"

#include "config/file_kind.hpp"
#include "config/resolve.hpp"
#include "doctor/answers.hpp"
#include "doctor/decimal.hpp"
#include "doctor/exit_code.hpp"
#include "doctor/run_context.hpp"
#include "doctor/runner.hpp"
#include "doctor/plain_text.hpp"
#include "net/tls.hpp"
#include "doctor/scrub.hpp"
#include "net/client.hpp"
#include "openrouter/key_mask.hpp"
#include "report/exchange_trace.hpp"
#include "report/json.hpp"
#include "report/status_line.hpp"
#include "report/text.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/program_options.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>

namespace ngd::cli {
namespace po = boost::program_options;

namespace {

struct check_options {
    std::optional<std::string> json;  ///< "compact", "pretty" or "auto" (pretty on a terminal)
    bool offline = false, live = false, strict = false, no_color = false;
    int verbosity = 0;  ///< how many times -v was given: 1 details and timings, 2 also the HTTP trace
    bool help = false, quiet = false;
    std::string group_by = "auto";
    double timeout = 10, deadline = 30;
    std::optional<double> min_credits;
    std::optional<std::string> env_file, proxy;
    std::vector<std::string> search_dirs, cacerts, connect_tos, positional;
    std::optional<std::string> max_cost;
    /// `gym eval run`'s flags, as overrides of the keys they set (nemo-gym spec §2.1).
    std::vector<std::string> run_overrides;
};

/// The collection flags of `gym eval run` / `ng_collect_rollouts` and the config key each sets.
struct run_flag {
    const char* name;
    const char* key;
    const char* help;
};
constexpr run_flag run_flags[] = {
    {"input", "input_jsonl_fpath", "the rollout input JSONL (gym eval run --input)"},
    {"limit", "limit", "only the first N rows"},
    {"num-repeats", "num_repeats", "rollouts per row: N or '{agent: N, _default: N}'"},
    {"concurrency", "num_samples_in_parallel", "requests in flight"},
    {"max-output-tokens", "responses_create_params.max_output_tokens", "merged into every row"},
    {"prompt-config", "prompt_config", "the prompt template that builds each row's input"},
    {"agent", "agent_name", "the agent of rows without agent_ref"},
};

/// A flag that counts: `-v`, `-vv`, `-v -v` and `--verbose --verbose` each add one per v.
/// (A bool_switch given twice is an error in Program_options, and `-vv` is two -v there.)
class occurrence_count : public po::value_semantic_codecvt_helper<char> {
public:
    explicit occurrence_count(int* count) : count_(count) {}
    std::string name() const override { return ""; }
    unsigned min_tokens() const override { return 0; }
    unsigned max_tokens() const override { return 0; }
    bool is_composing() const override { return true; }  // every occurrence is parsed, none rejected
    bool is_required() const override { return false; }
    bool apply_default(boost::any&) const override { return false; }
    void notify(const boost::any& store) const override
    {
        if (!store.empty()) *count_ = boost::any_cast<int>(store);
    }

protected:
    void xparse(boost::any& store, const std::vector<std::string>&) const override
    {
        store = store.empty() ? 1 : boost::any_cast<int>(store) + 1;
    }

private:
    int* count_;
};

po::options_description describe_run_flags(check_options& o)
{
    po::options_description d("The run's arguments, as gym eval run takes them (or +key=value overrides)");
    for (const auto& flag : run_flags)
        d.add_options()(flag.name,
                        po::value<std::string>()->value_name("VALUE")->notifier([&o, key = flag.key](const std::string& v) {
                            // `++` sets the key whether or not the config has it.
                            o.run_overrides.push_back(std::string("++") + key + "=" + v);
                        }),
                        flag.help);
    d.add_options()("max-cost", po::value<std::string>()->value_name("USD")->notifier([&o](const std::string& v) { o.max_cost = v; }),
                    "warn when the run's estimated cost may exceed this");
    return d;
}

po::options_description describe(check_options& o)
{
    po::options_description d("Options");
    d.add_options()
        ("json", po::bool_switch(), "print the report as JSON (schema ngdoctor.report/v1); pretty on a terminal, "
                                     "else compact; --json=compact or --json=pretty to choose")
        ("offline", po::bool_switch(&o.offline), "run only checks that need no network")
        ("live", po::bool_switch(&o.live), "also run inference.probe (one tiny paid completion)")
        ("timeout", po::value(&o.timeout)->value_name("SECONDS"), "per network operation (default 10)")
        ("deadline", po::value(&o.deadline)->value_name("SECONDS"), "whole run (default 30)")
        ("strict", po::bool_switch(&o.strict), "warnings count as failures for the exit code")
        ("min-credits", po::value<double>()->value_name("USD")->notifier([&o](double v) { o.min_credits = v; }),
         "warn when less than this is left under the key's limit")
        ("env-file", po::value<std::string>()->value_name("PATH")->notifier([&o](const std::string& v) { o.env_file = v; }),
         "use this env.yaml instead of searching for one")
        ("search-dir", po::value(&o.search_dirs)->value_name("DIR")->composing(), "extra search root (repeatable)")
        ("cacert", po::value(&o.cacerts)->value_name("FILE")->composing(), "trust these CA certificates too")
        ("connect-to", po::value(&o.connect_tos)->value_name("H1:P1:H2:P2")->composing(),
         "connect to H2:P2 whenever H1:P1 is asked for (TLS still verifies H1)")
        ("proxy", po::value<std::string>()->value_name("URL")->notifier([&o](const std::string& v) { o.proxy = v; }),
         "HTTPS proxy (default: HTTPS_PROXY / https_proxy, honouring NO_PROXY)")
        ("verbose,v", new occurrence_count(&o.verbosity),
         "show details of passing checks and per-check timings; -vv also shows every HTTP exchange on "
         "stderr as curl -v does (method, URL, status, time, bytes, headers; credentials masked)")
        ("no-color", po::bool_switch(&o.no_color), "no ANSI colour")
        ("quiet,q", po::bool_switch(&o.quiet), "only problems and the summary")
        ("group-by", po::value(&o.group_by)->value_name("target|check"),
         "order of the text report (default: by target when there are more than 2 targets)")
        ("help,h", po::bool_switch(&o.help), "this help");
    return d;
}

/// Hydra overrides: `key=value`, `+key=value`, `++key=value`, `~key`.
bool is_override(const std::string& arg)
{
    return arg.starts_with('+') || arg.starts_with('~') || arg.find('=') != std::string::npos;
}

std::vector<std::string> check_names()
{
    std::vector<std::string> names;
    for (const auto& check : doctor::check_table()) {
        names.emplace_back(check.id);
        if (std::find(names.begin(), names.end(), check.group) == names.end()) names.emplace_back(check.group);
    }
    return names;
}

report::target_view view_of(const doctor::target& t)
{
    report::target_view v;
    v.name = t.name;
    // Either may hold a key by mistake (a key pasted as the model, or in the URL's userinfo or
    // query); the report prints both.
    const std::vector<std::string> secrets{t.api_key.value.value_or("")};
    v.base_url = doctor::plain_text(doctor::scrub(t.base_url.value.value_or(""), secrets));
    v.model = doctor::plain_text(doctor::scrub(t.model.value.value_or(""), secrets));
    if (t.api_key.value && !t.api_key.value->empty()) v.masked_key = openrouter::mask_key(*t.api_key.value);
    return v;
}

std::chrono::milliseconds to_ms(double seconds)
{
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0));
}

net::client_options net_options_from(const check_options& o, std::string& bad_connect_to)
{
    net::client_options n;
    n.timeout = to_ms(o.timeout);
    n.cacert_files = o.cacerts;
    for (const auto& text : o.connect_tos) {
        auto parsed = net::parse_connect_to(text);
        if (!parsed) {
            bad_connect_to = text;
            break;
        }
        n.connect_tos.push_back(*parsed);
    }
    n.proxy = o.proxy;
    net::apply_proxy_environment(n);
    n.user_agent = "ngdoctor/" + std::string(report::version());
    return n;
}

/// The run: its options, the config resolved as NeMo Gym would, and the targets in it.
doctor::run_context context_from(const check_options& o, const std::vector<std::string>& overrides)
{
    doctor::run_context ctx;
    ctx.options.offline = o.offline;
    ctx.options.live = o.live;
    ctx.options.strict = o.strict;
    ctx.options.timeout = to_ms(o.timeout);
    ctx.options.deadline = to_ms(o.deadline);
    ctx.options.min_credits = o.min_credits;
    ctx.options.max_cost = o.max_cost;
    ctx.env = config::process_environment();
    if (auto management = ctx.env("OPENROUTER_MANAGEMENT_KEY"); management && !management->empty())
        ctx.options.management_key = management;
    config::resolve_options resolve_options;
    resolve_options.env_file = o.env_file;
    resolve_options.search_dirs = o.search_dirs;
    resolve_options.overrides = overrides;
    // No check reads python_version; asking the Python install for it costs a process start.
    resolve_options.python_version = [] { return std::optional<std::string>(); };
    ctx.config = config::resolve(resolve_options);
    ctx.targets = doctor::find_targets(ctx.config.root);
    return ctx;
}

/// Every secret of the run, for the last scrub before printing.
std::vector<std::string> secrets_of(const doctor::run_context& ctx)
{
    // Each once: 200 targets on 5 keys scrub every text of the report for 5 keys, not 200.
    std::vector<std::string> secrets;
    const auto add = [&secrets](const std::string& secret) {
        if (std::find(secrets.begin(), secrets.end(), secret) == secrets.end()) secrets.push_back(secret);
    };
    for (const auto& t : ctx.targets)
        if (t.api_key.value) add(*t.api_key.value);
    if (ctx.options.management_key) add(*ctx.options.management_key);
    return secrets;
}

/// What the report says about the run before the findings are in.
report::run_report report_frame(const doctor::run_context& ctx)
{
    report::run_report rep;
    rep.version = report::version();
    rep.env_file = ctx.config.env_file;
    rep.config_paths = ctx.config.config_paths;
    for (const auto& t : ctx.targets) rep.targets.push_back(view_of(t));
    return rep;
}

/// The options in effect, by long name, for a reader of the JSON report.
boost::json::object options_json(const check_options& o)
{
    auto list = [](const std::vector<std::string>& items) {
        boost::json::array a;
        for (const auto& i : items) a.emplace_back(i);
        return a;
    };
    boost::json::object j;
    j["offline"] = o.offline;
    j["live"] = o.live;
    j["strict"] = o.strict;
    j["timeout"] = o.timeout;
    j["deadline"] = o.deadline;
    j["min_credits"] = o.min_credits ? boost::json::value(*o.min_credits) : boost::json::value(nullptr);
    j["env_file"] = o.env_file ? boost::json::value(*o.env_file) : boost::json::value(nullptr);
    j["search_dir"] = list(o.search_dirs);
    j["cacert"] = list(o.cacerts);
    j["connect_to"] = list(o.connect_tos);
    j["proxy"] = o.proxy ? boost::json::value(without_credentials(*o.proxy)) : boost::json::value(nullptr);
    j["verbose"] = o.verbosity > 0;
    j["quiet"] = o.quiet;
    j["group_by"] = o.group_by;
    return j;
}

/// Parses, runs and prints; with `capture`, stores the report and the run's secrets there
/// instead of printing.
int run_checks_command(const std::vector<std::string>& args, console& io, std::string_view command,
                       bool named, captured_run* capture = nullptr)
{
    check_options o;
    auto described = describe(o);
    described.add(describe_run_flags(o));
    po::options_description all;
    all.add(described).add_options()("args", po::value(&o.positional));
    po::positional_options_description positional;
    positional.add("args", -1);
    if (const auto mistake = parse_command_line(args, all, positional, described, &o.json))
        return usage_error(io, *mistake, command);
    if (o.help) {
        io.out << "Usage: ngdoctor " << command << (named ? " ID|GROUP..." : "")
               << " [options] [overrides...]\n"
               << (named ? "Run the named checks (and what they depend on).\n" : "Run every applicable check.\n")
               << "Overrides use NeMo Gym's Hydra grammar: \"+config_paths=[a.yaml,b.yaml]\" "
                  "+policy_model_name=openai/gpt-4o ++x=y ~x\n\n"
               << described;
        return doctor::exit_ok;
    }
    const auto layout = o.json ? report::parse_json_layout(*o.json, io.out_is_tty) : std::nullopt;
    if (o.json && !layout)
        return usage_error(io, "--json wants compact or pretty, got '" + *o.json + "'", command);
    const auto group = parse_grouping(o.group_by);
    if (!group) return usage_error(io, "--group-by wants target or check, got '" + o.group_by + "'", command);
    // Finite and at most a day: a longer wait is a typo, and larger values overflow the clocks.
    constexpr double longest_wait_seconds = 86400;
    for (const auto& [name, value] : {std::pair{"--timeout", o.timeout}, std::pair{"--deadline", o.deadline}})
        if (!(value > 0 && value <= longest_wait_seconds))
            return usage_error(io, std::string(name) + " must be a number of seconds above 0 and at most 86400", command);

    if (o.env_file)
        if (auto why = config::not_a_readable_file(*o.env_file))
            return usage_error(io, "--env-file '" + *o.env_file + "' " + *why, command);

    std::vector<std::string> ids, overrides;
    for (const auto& arg : o.positional) (is_override(arg) || !named ? overrides : ids).push_back(arg);
    overrides.insert(overrides.end(), o.run_overrides.begin(), o.run_overrides.end());
    if (o.max_cost && !doctor::decimal::parse(*o.max_cost))
        return usage_error(io, "--max-cost wants a decimal amount of USD, got '" + *o.max_cost + "'", command);
    std::vector<const doctor::check_info*> selected;
    if (named) {
        if (ids.empty()) return usage_error(io, "name at least one check id or group (see list-checks)", command);
        std::vector<std::string> unknown;
        selected = doctor::select_checks(ids, unknown);
        if (!unknown.empty())
            return usage_error(io, "unknown check '" + unknown.front() + "'" +
                                       doctor::did_you_mean(unknown.front(), check_names()),
                               command);
    } else {
        for (const auto& check : doctor::check_table()) selected.push_back(&check);
    }

    std::string bad_connect_to;
    auto net_options = net_options_from(o, bad_connect_to);
    if (!bad_connect_to.empty())
        return usage_error(io, "--connect-to wants H1:P1:H2:P2, got '" + bad_connect_to + "'", command);
    // A --cacert file that is missing or unreadable is the command line's mistake, not the network's.
    if (const auto problem = net::cacert_problem(o.cacerts)) return usage_error(io, "--cacert: " + *problem, command);

    const auto started = std::chrono::steady_clock::now();
    // -vv: every exchange on stderr, so that stdout (the report, the JSON) stays as it is.
    std::vector<std::string> trace_secrets;  // known once the config is read, before any request
    if (o.verbosity >= 2)
        net_options.on_exchange = [&io, &trace_secrets](const net::exchange_record& record) {
            io.err << report::render_exchange(record, trace_secrets) << std::flush;
        };
    boost::asio::io_context io_context;
    net::client http(io_context.get_executor(), net_options);
    // The CA store is read while the config resolves.
    if (!o.offline) http.prepare_tls();
    doctor::run_context ctx = context_from(o, overrides);
    trace_secrets = secrets_of(ctx);
    doctor::answers fetched(http);
    ctx.http = o.offline ? nullptr : &http;
    ctx.fetched = o.offline ? nullptr : &fetched;

    report::run_report rep = report_frame(ctx);
    rep.created_at = utc_now();
    rep.command = {"ngdoctor", std::string(command)};
    rep.command.insert(rep.command.end(), args.begin(), args.end());
    for (auto& word : rep.command) word = doctor::scrub(without_credentials(word), secrets_of(ctx));
    rep.options = options_json(o);
    rep.platform = this_platform(o.cacerts, net_options.proxy);
    const bool colour = colour_wanted(o.no_color, io.out_is_tty);
    report::status_line line(io.out, rep.targets, colour);
    doctor::progress_callback progress;
    // The status line is drawn over itself; trace lines on the same terminal would break it.
    if (io.out_is_tty && !o.json && !dumb_terminal() && o.verbosity < 2)
        progress = [&line](const doctor::run_progress& p) { line.update(p); };
    rep.findings = doctor::run_checks(io_context, ctx, selected, progress);
    line.clear();
    doctor::scrub(rep.findings, secrets_of(ctx));
    rep.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);

    const int code = doctor::exit_code_for(rep.findings, o.strict);
    rep.exit_code = code;
    if (capture) {
        capture->report = std::move(rep);
        capture->secrets = secrets_of(ctx);
        return code;
    }
    if (o.json) {
        report::render_json(io.out, rep, *layout);
    } else
        report::render_text(io.out, rep, {colour, o.verbosity > 0, o.quiet, *group, terminal_width(io.out_is_tty)});
    return code;
}

}  // namespace

std::vector<option_spelling> check_option_list()
{
    check_options o;
    auto described = describe(o);
    described.add(describe_run_flags(o));
    std::vector<option_spelling> out;
    for (const auto& option : described.options()) {
        // "-v [ --verbose ]" for an option with a short name, "--verbose" without.
        const auto shown = option->format_name();
        const bool has_short = shown.size() > 1 && shown[0] == '-' && shown[1] != '-';
        out.push_back({"--" + option->long_name(), has_short ? shown.substr(0, 2) : "",
                       option->semantic()->max_tokens() > 0});
    }
    // -vv is one word that the option parser reads as -v twice; before the command
    // (`ngdoctor -vv check-all`) it is matched as a word, so it is a spelling of its own.
    out.push_back({"--verbose", "-vv", false});
    return out;
}

int run_check_all(const std::vector<std::string>& args, console& io)
{
    return run_checks_command(args, io, "check-all", false);
}

int run_check_all_captured(const std::vector<std::string>& args, console& io, captured_run& capture)
{
    return run_checks_command(args, io, "bundle", false, &capture);
}

int run_check(const std::vector<std::string>& args, console& io)
{
    return run_checks_command(args, io, "check", true);
}

}  // namespace ngd::cli
