#include "report/bundle.hpp"

#include "doctor/exit_code.hpp"
#include "doctor/scrub.hpp"

#include <algorithm>

namespace ngd::report {

namespace {

std::string shell_line(const std::vector<std::string>& words)
{
    std::string out;
    for (const auto& w : words) {
        const bool plain = !w.empty() && std::all_of(w.begin(), w.end(), [](unsigned char c) {
            return std::isalnum(c) || std::string_view("-_./=:+,@%").find(static_cast<char>(c)) != std::string_view::npos;
        });
        std::string quoted = "'";
        for (const char c : w) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
        quoted += "'";
        out += (out.empty() ? "" : " ") + (plain ? w : quoted);
    }
    return out;
}

}  // namespace

std::string bundle_readme(const run_report& report, const bundle_facts& facts)
{
    const doctor::tally t = doctor::count(report.findings);
    std::string out = "# ngdoctor support bundle\n\n"
                      "Made by ngdoctor " + report.version + (report.created_at.empty() ? "" : " at " + report.created_at) +
                      ". Keys are masked in every file; the bundle was scanned for keys before it was written.\n"
                      "The sections below follow NeMo Gym's bug report template: paste them into an issue.\n\n";
    out += "## Describe the bug\n\n";
    std::vector<const doctor::finding*> causes;
    for (const auto& f : report.findings)
        if ((f.state == doctor::status::fail || f.state == doctor::status::crash) && f.caused_by.empty()) causes.push_back(&f);
    if (causes.empty())
        out += "ngdoctor found no failure (" + std::to_string(t.warn) + " warning(s)); describe what went wrong.\n";
    else {
        out += "ngdoctor found these root causes (see report.txt):\n\n";
        for (const auto* f : causes)
            out += "- `" + f->check_id + "` (" + f->target + "): " + f->summary +
                   (f->remedy.text.empty() ? "" : " — fix: " + f->remedy.text) + "\n";
    }
    out += "\nChecks: " + std::to_string(t.ok) + " ok, " + std::to_string(t.warn) + " warning(s), " + std::to_string(t.fail) +
           " failed, " + std::to_string(t.skip) + " skipped, " + std::to_string(t.crash) + " crashed.\n\n";
    out += "## Steps/Code to reproduce bug\n\n```\n" + shell_line(facts.command) + "\n```\n\n"
           "Add the NeMo Gym command that failed (ng_run / ng_collect_rollouts / gym eval run).\n\n";
    out += "## Expected behavior\n\nWhat should have happened.\n\n";
    out += "## Configs\n\n- `config.yaml`: the resolved config, as `ngdoctor dump-config --show-origin` prints it "
           "(secrets redacted)\n";
    out += "- env.yaml: " + (facts.env_file ? "`" + *facts.env_file + "`" : std::string("none found")) + "\n";
    for (const auto& p : facts.config_paths) out += "- config path: `" + p + "`\n";
    if (facts.overrides_files.empty())
        out += "- Hydra overrides.yaml: none found under outputs/\n";
    for (const auto& f : facts.overrides_files) out += "- Hydra overrides: `" + f + "`\n";
    out += "\n## Environment overview\n\n";
    if (report.platform) {
        out += "- OS: " + report.platform->os + " " + report.platform->kernel + "\n";
        out += "- ngdoctor: " + report.platform->build + "\n";
        out += "- CA store: " + report.platform->ca_store + "\n";
        out += "- proxy: " + (report.platform->proxy.empty() ? std::string("none") : report.platform->proxy) + "\n";
    }
    out += "- Python: " + (facts.python_version.empty() ? std::string("python3 not on PATH") : facts.python_version) + "\n";
    out += "- NeMo Gym: " + (facts.gym_version.empty() ? std::string("gym not on PATH") : "`gym --version --json`: " + facts.gym_version) +
           "\n\n";
    out += "## Additional context\n\nFiles in this bundle:\n\n";
    for (const auto& m : facts.members) out += "- `" + m + "`\n";
    if (facts.has_triage) out += "\n`triage.json` is ngdoctor's triage of the failed run's files.\n";
    return out;
}

std::optional<std::size_t> leaked_line(std::string_view text, const std::vector<std::string>& secrets)
{
    const std::string original(text);
    const std::string scrubbed = doctor::scrub(original, secrets);
    if (scrubbed == original) return std::nullopt;
    const auto first = std::mismatch(original.begin(), original.end(), scrubbed.begin(), scrubbed.end()).first;
    return static_cast<std::size_t>(std::count(original.begin(), first, '\n')) + 1;
}

}  // namespace ngd::report
