// `ngdoctor man`: the manual page, made from the texts `--help` prints (the top-level usage,
// each command's help, the check table), so the page cannot drift from the program. The
// build writes it next to the binary as ngdoctor.1.
#include "cli/commands.hpp"
#include "doctor/exit_code.hpp"
#include "report/report.hpp"

#include <ostream>
#include <sstream>
#include <string_view>

namespace ngd::cli {

namespace {

/// Text as roff shows it verbatim: backslashes and dashes escaped, and a line that starts
/// with a control character (`.` or `'`) guarded so roff does not take it for a request.
std::string roff_escaped(std::string_view text)
{
    std::string out;
    bool line_start = true;
    for (const char c : text) {
        if (line_start && (c == '.' || c == '\'')) out += "\\&";
        if (c == '\\') out += "\\e";
        else if (c == '-') out += "\\-";
        else out += c;
        line_start = c == '\n';
    }
    if (!out.empty() && out.back() != '\n') out += '\n';
    return out;
}

void verbatim(std::ostream& out, std::string_view text)
{
    out << ".nf\n" << roff_escaped(text) << ".fi\n";
}

/// What a command prints for `--help` (its own help, or its usage error if it has none).
std::string help_of(const command& c)
{
    std::ostringstream text, errors;
    console quiet{text, errors, false, false};
    c.run({"--help"}, quiet);
    return text.str().empty() ? errors.str() : text.str();
}

}  // namespace

int run_man(const std::vector<std::string>& args, console& io)
{
    if (!args.empty()) {
        if (args.front() == "--help" || args.front() == "-h") {
            io.out << "Usage: ngdoctor man\nPrints this manual as a man page (roff): ngdoctor man | man -l -\n";
            return doctor::exit_ok;
        }
        io.err << "ngdoctor man: takes no arguments\nTry 'ngdoctor man --help'.\n";
        return doctor::exit_usage;
    }
    std::ostringstream usage;
    print_usage(usage);
    auto& out = io.out;
    out << ".TH NGDOCTOR 1 \"\" \"ngdoctor " << report::version() << "\" \"User Commands\"\n"
        << ".SH NAME\nngdoctor \\- finds why a NeMo Gym run against OpenRouter fails, before or after it does\n"
        << ".SH SYNOPSIS\n";
    verbatim(out, usage.str());
    out << ".SH COMMANDS\n";
    for (const auto& c : command_table()) {
        if (std::string_view(c.name) == "man") continue;
        out << ".SS " << roff_escaped(c.name);
        verbatim(out, help_of(c));
    }
    std::ostringstream checks, ignored;
    console to_text{checks, ignored, false, false};
    run_list_checks({}, to_text);
    out << ".SH CHECKS\n"
           "Each check's troubleshooting page: \\fBngdoctor explain\\fR \\fIID\\fR.\n";
    verbatim(out, checks.str());
    out << ".SH ENVIRONMENT\n"
           ".TP\n.B OPENROUTER_MANAGEMENT_KEY\n"
           "a management key: the credits check asks /credits with it (the inference key cannot).\n"
           ".TP\n.B NEMO_GYM_CONFIG_DICT\n"
           "when set, NeMo Gym uses it as the whole config and ignores env.yaml; ngdoctor does the same.\n"
           ".TP\n.B NEMO_GYM_EXTRA_ROOTS\n"
           "more search roots for env.yaml and config paths, as NeMo Gym reads them.\n"
           ".TP\n.BR HTTPS_PROXY \", \" NO_PROXY\n"
           "the proxy used for HTTPS requests (\\fB\\-\\-proxy\\fR wins).\n"
           ".TP\n.BR NO_COLOR \", \" TERM=dumb\n"
           "no colour; with TERM=dumb no live status line either.\n"
           ".TP\n.B COLUMNS\n"
           "the width the text report wraps to (off a terminal the report is not wrapped without it).\n"
           ".SH EXIT STATUS\n"
           "0 no check failed; 1 a check failed (or warned, with \\fB\\-\\-strict\\fR), or triage found a cause;\n"
           "2 usage error; 3 a check crashed.\n"
           ".SH SECRETS\n"
           "Keys are never printed, logged or written: reports, bundles and this tool's errors show them\n"
           "masked; \\fBdump\\-config \\-\\-show\\-secrets\\fR is the one exception, and says so on stderr.\n";
    return doctor::exit_ok;
}

}  // namespace ngd::cli
