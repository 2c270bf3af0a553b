// `bundle [-o FILE] [--run PATH] [options] [overrides...]`: one archive for a support thread —
// the check-all report (JSON and text), the resolved config (redacted), the inputs, the
// environment, the run's triage, and a README laid out as NeMo Gym's bug template
// (triage.md §4). Every member is scanned for keys before anything is written.
#include "cli/archive.hpp"
#include "cli/check_capture.hpp"
#include "cli/commands.hpp"
#include "cli/platform.hpp"
#include "config/program_output.hpp"
#include "config/python_interpreter.hpp"
#include "doctor/exit_code.hpp"
#include "doctor/scrub.hpp"
#include "report/bundle.hpp"
#include "report/json.hpp"
#include "report/text.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

namespace ngd::cli {

namespace fs = std::filesystem;

namespace {

struct bundle_options {
    std::optional<std::string> output, run;
    bool help = false;
    std::vector<std::string> check_args;  ///< everything else: check-all's options and overrides
};

/// -o/--output and --run are the bundle's; the rest goes to check-all as given.
std::optional<std::string> parse(const std::vector<std::string>& args, bundle_options& o)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& a = args[i];
        auto value_of = [&](std::string_view name, std::optional<std::string>& into) -> std::optional<bool> {
            if (a == name) {
                if (i + 1 >= args.size()) return false;
                into = args[++i];
                return true;
            }
            if (a.starts_with(std::string(name) + "=")) {
                into = a.substr(name.size() + 1);
                return true;
            }
            return std::nullopt;
        };
        std::optional<bool> taken;
        for (const auto* name : {"-o", "--output"})
            if (!taken) taken = value_of(name, o.output);
        if (!taken) taken = value_of("--run", o.run);
        if (taken && !*taken) return a + " wants a value";
        if (taken) continue;
        if (a == "--help" || a == "-h") o.help = true;
        else if (a == "--json" || a.starts_with("--json=")) return "--json: the bundle holds report.json already";
        else o.check_args.push_back(a);
    }
    return std::nullopt;
}

/// "ngdoctor-bundle-2026-01-31T120000Z.tar.gz": the UTC time without colons (a file name).
std::string default_name()
{
    std::string when = utc_now();
    when.erase(std::remove(when.begin(), when.end(), ':'), when.end());
    return "ngdoctor-bundle-" + when + ".tar.gz";
}

/// dump-config's arguments among check-all's: overrides, --env-file and --search-dir.
std::vector<std::string> dump_config_args(const std::vector<std::string>& check_args)
{
    const auto options = check_option_list();
    std::vector<std::string> out{"--show-origin"};
    for (std::size_t i = 0; i < check_args.size(); ++i) {
        const auto& a = check_args[i];
        if (!a.starts_with("-")) {
            out.push_back(a);
            continue;
        }
        const auto* spelling = [&]() -> const option_spelling* {
            for (const auto& s : options)
                if (a == s.long_name || a == s.short_name || a.starts_with(s.long_name + "=")) return &s;
            return nullptr;
        }();
        const bool joined = a.find('=') != std::string::npos;
        const bool shared = a.starts_with("--env-file") || a.starts_with("--search-dir");
        if (shared) out.push_back(a);
        if (spelling && spelling->takes_value && !joined && i + 1 < check_args.size()) {
            if (shared) out.push_back(check_args[i + 1]);
            ++i;
        }
    }
    return out;
}

/// Hydra's overrides.yaml files under outputs/ and multirun/ of the current folder, newest
/// layouts first by path; bounded, since an old project may hold thousands of runs.
std::vector<fs::path> hydra_overrides_files()
{
    std::vector<fs::path> found;
    constexpr std::size_t most = 20;
    for (const char* root : {"outputs", "multirun"}) {
        std::error_code ec;
        if (!fs::is_directory(root, ec)) continue;
        fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            if (it.depth() > 5) {
                it.disable_recursion_pending();
                continue;
            }
            if (it->path().filename() == "overrides.yaml" && it->path().parent_path().filename() == ".hydra")
                found.push_back(it->path());
        }
    }
    std::sort(found.begin(), found.end(), std::greater<>());
    if (found.size() > most) found.resize(most);
    return found;
}

std::string read_text(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

boost::json::value text_or_null(const std::string& s) { return s.empty() ? boost::json::value(nullptr) : boost::json::value(s); }

std::string pretty(const boost::json::value& v)
{
    std::ostringstream out;
    report::write_pretty(out, v);
    return out.str();
}

}  // namespace

int run_bundle(const std::vector<std::string>& args, console& io)
{
    bundle_options o;
    if (const auto error = parse(args, o)) {
        io.err << "ngdoctor bundle: " << doctor::scrub(*error, {}) << "\nTry 'ngdoctor bundle --help'.\n";
        return doctor::exit_usage;
    }
    if (o.help) {
        io.out << "Usage: ngdoctor bundle [-o FILE] [--run PATH] [check-all options] [overrides...]\n"
                  "Writes one .tar.gz for a support thread (default ngdoctor-bundle-<UTC time>.tar.gz here; an\n"
                  "existing file is never replaced): report.json and report.txt of check-all, config.yaml\n"
                  "(dump-config --show-origin, redacted), inputs.json (the command line, env.yaml, Hydra\n"
                  "overrides.yaml files found, copied under hydra/), environment.json, triage.json of --run PATH,\n"
                  "and README.md laid out as NeMo Gym's bug template. Every member is scanned for keys first:\n"
                  "when one would leak, nothing is written and the error names the member.\n"
                  "Options:\n"
                  "  -o [ --output ] FILE  where to write the bundle\n"
                  "  --run PATH            also triage this run's files (rollout output, logs)\n"
                  "  -h [ --help ]         this help\n"
                  "check-all's options (ngdoctor check-all --help) and overrides are taken as they are.\n";
        return doctor::exit_ok;
    }
    const fs::path file = o.output.value_or(default_name());
    std::error_code ec;
    if (fs::exists(fs::symlink_status(file, ec))) {
        io.err << "ngdoctor bundle: " << file.string() << " exists; a bundle never replaces a file (choose -o FILE)\n";
        return doctor::exit_usage;
    }

    captured_run run;
    std::ostringstream quiet_out;
    console check_io{quiet_out, io.err, false, io.err_is_tty};
    const int check_code = run_check_all_captured(o.check_args, check_io, run);
    if (!run.report) return check_code;  // a usage error, already said
    auto& rep = *run.report;
    const auto& secrets = run.secrets;
    std::vector<std::string> command{"ngdoctor", "bundle"};
    command.insert(command.end(), args.begin(), args.end());
    for (auto& word : command) word = doctor::scrub(without_credentials(word), secrets);
    rep.command = command;

    std::vector<archive_member> members;
    std::ostringstream json, text;
    report::render_json(json, rep, report::json_layout::pretty);
    report::render_text(text, rep, {});
    members.push_back({"report.json", json.str()});
    members.push_back({"report.txt", text.str()});

    std::ostringstream config_out, config_err;
    console config_io{config_out, config_err, false, false};
    const int config_code = run_dump_config(dump_config_args(o.check_args), config_io);
    std::string config = config_out.str();
    if (config_code != 0) config = "# ngdoctor dump-config --show-origin failed (exit " + std::to_string(config_code) + "):\n# " + config_err.str() + config;
    members.push_back({"config.yaml", doctor::scrub(config, secrets)});

    report::bundle_facts facts;
    facts.command = command;
    facts.env_file = rep.env_file;
    facts.config_paths = rep.config_paths;
    for (const auto& found : hydra_overrides_files()) {
        const std::string name = "hydra/" + found.lexically_normal().string();
        facts.overrides_files.push_back(found.string());
        members.push_back({name, doctor::scrub(read_text(found), secrets)});
    }
    boost::json::object inputs;
    inputs["command"] = boost::json::value_from(command);
    inputs["env_file"] = rep.env_file ? boost::json::value(*rep.env_file) : boost::json::value(nullptr);
    inputs["config_paths"] = boost::json::value_from(rep.config_paths);
    inputs["overrides_files"] = boost::json::value_from(facts.overrides_files);
    members.push_back({"inputs.json", pretty(inputs)});

    // Other programs' output is copied as printed: the scan below is what guards it.
    if (const auto python = config::python3_interpreter(config::python_lookup_from_environment()))
        facts.python_version = config::output_of(python->string(), {"--version"}).value_or("");
    facts.gym_version = config::output_of("gym", {"--version", "--json"}).value_or("");
    boost::json::object environment;
    environment["ngdoctor_version"] = rep.version;
    if (rep.platform) {
        environment["os"] = rep.platform->os;
        environment["kernel"] = rep.platform->kernel;
        environment["ca_store"] = rep.platform->ca_store;
        environment["proxy"] = text_or_null(rep.platform->proxy);
        environment["ngdoctor_build"] = rep.platform->build;
    }
    environment["python_version"] = text_or_null(facts.python_version);
    environment["gym_version"] = text_or_null(facts.gym_version);
    members.push_back({"environment.json", pretty(environment)});

    if (o.run) {
        std::ostringstream triage_out, triage_err;
        console triage_io{triage_out, triage_err, false, false};
        run_triage({"--json", *o.run}, triage_io);
        std::string triage = triage_out.str();
        if (triage.empty()) triage = pretty(boost::json::object{{"error", triage_err.str()}});
        members.push_back({"triage.json", doctor::scrub(triage, secrets)});
        facts.has_triage = true;
    }
    for (const auto& m : members) facts.members.push_back(m.name);
    facts.members.push_back("README.md");
    members.push_back({"README.md", report::bundle_readme(rep, facts)});

    for (const auto& m : members)
        if (const auto line = report::leaked_line(m.text, secrets)) {
            io.err << "ngdoctor bundle: not written: " << m.name << " line " << *line
                   << " still holds a key after redaction; nothing was written\n";
            return doctor::exit_failed;
        }
    if (const auto error = write_archive(file, members); !error.empty()) {
        io.err << "ngdoctor bundle: not written: " << error << "\n";
        return doctor::exit_failed;
    }
    io.out << "wrote " << file.string() << " (" << members.size() << " files; check-all exit " << check_code
           << ")\n";
    return doctor::exit_ok;
}

}  // namespace ngd::cli
