// `explain ID`: prints the check's troubleshooting page, compiled into the binary from
// docs/checks/<id>.md so it works wherever the binary is copied. The JSON report's `docs`
// path, an error class (`http_401`) or an HTTP status (`401`) are explained too, and case
// does not matter.
#include "cli/commands.hpp"
#include "cli/docs_pages.hpp"
#include "doctor/check.hpp"
#include "doctor/did_you_mean.hpp"
#include "doctor/exit_code.hpp"
#include "net/error_class.hpp"

#include <algorithm>
#include <charconv>
#include <ostream>

namespace ngd::cli {

namespace {

struct class_meaning {
    net::error_class error;
    const char* meaning;
};

// The stages are net/'s classification; the HTTP meanings are OpenRouter's documented
// status codes (openrouter-api.md §5.2, §2.3, §6).
constexpr class_meaning meanings[] = {
    {net::error_class::none, "no error: the check passed, was skipped, or warned about something that is not a failure"},
    {net::error_class::config, "the request could not be made from the configuration: a missing or malformed value "
                               "(base URL, key, model id), found before anything was sent"},
    {net::error_class::dns, "the host name did not resolve: a typo in the base URL, or no DNS on this network"},
    {net::error_class::connect, "no TCP connection: the host refused it or is unreachable (a firewall, a server that "
                                "is not running, the wrong port)"},
    {net::error_class::tls, "the TLS handshake failed: a certificate this machine does not trust (a proxy that "
                            "inspects traffic, a missing CA bundle; see --cacert) or the wrong host"},
    {net::error_class::proxy, "the HTTPS proxy refused or failed the CONNECT: its address, its credentials, or its "
                              "rules for this host"},
    {net::error_class::timeout, "no answer within --timeout, or the run reached --deadline"},
    {net::error_class::http_4xx, "the server refused the request (another 4xx status): 400 is a bad request, often "
                                 "\"<id> is not a valid model ID\" or a context-length error; 408 timed out"},
    {net::error_class::http_401, "HTTP 401: invalid credentials. OpenRouter answers \"User not found.\" for a wrong, "
                                 "revoked, deleted or expired key, and \"No auth credentials found\" for none"},
    {net::error_class::http_402, "HTTP 402: the account or the key has insufficient credits (or a key's own limit is "
                                 "spent); add credits or raise the key's limit"},
    {net::error_class::http_403, "HTTP 403: forbidden: a management key used for inference, a guardrail or moderation "
                                 "block, or a provider that requires your own key"},
    {net::error_class::http_404, "HTTP 404: not found: a base URL without /api/v1 (an HTML page), an unknown model, or "
                                 "no endpoint that fits the request's needs or the account's data policy"},
    {net::error_class::http_429, "HTTP 429: rate limited: too many requests for the key, or a :free model's daily "
                                 "quota; wait (Retry-After) or lower the concurrency"},
    {net::error_class::http_5xx, "a server error (5xx): 502 the provider failed, 503 no provider meets the routing "
                                 "requirements, 524/529 a timeout or an overloaded provider; usually passes"},
    {net::error_class::bad_response, "an answer that is not what the API sends: not JSON, the wrong shape, too large "
                                     "or truncated (often a proxy's or captive portal's page)"},
};

std::string lowered(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

/// The error class `word` names: its spelling in the JSON report, or an HTTP status.
std::optional<net::error_class> error_class_of(std::string_view word)
{
    for (const auto& m : meanings)
        if (net::to_string(m.error) == word) return m.error;
    int status = 0;
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), status);
    if (ec == std::errc() && end == word.data() + word.size() && status >= 400 && status <= 599)
        return net::classify_status(status);
    return std::nullopt;
}

void explain_class(std::ostream& out, std::string_view asked, net::error_class error)
{
    const auto name = net::to_string(error);
    out << "# " << name;
    if (asked != name) out << " (" << asked << ")";
    out << "\n\n";
    for (const auto& m : meanings)
        if (m.error == error) out << m.meaning << ".\n";
    // The checks whose pages name the class are the ones that report it.
    const std::string quoted = "`" + std::string(name) + "`";
    std::vector<std::string> reporting;
    for (const auto& check : doctor::check_table())
        if (const auto page = docs_page(check.id); page && page->find(quoted) != std::string_view::npos)
            reporting.emplace_back(check.id);
    if (!reporting.empty()) {
        out << "\nChecks that report it (ngdoctor explain ID for the page):\n";
        for (const auto& id : reporting) out << "  " << id << "\n";
    }
}

}  // namespace

int run_explain(const std::vector<std::string>& args, console& io)
{
    if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
        io.out << "Usage: ngdoctor explain ID|ERROR_CLASS|STATUS\n"
                  "Prints the troubleshooting page of a check (see list-checks; the JSON report's docs path works\n"
                  "too), or what an error class of the JSON report (http_401, tls, ...) or an HTTP status (401)\n"
                  "means and which checks report it.\n";
        return doctor::exit_ok;
    }
    if (args.size() != 1) {
        io.err << "ngdoctor explain: name exactly one check id or error class (see 'ngdoctor list-checks')\n";
        return doctor::exit_usage;
    }
    std::string word = lowered(args[0]);
    // "docs/checks/key.status.md", as the JSON report's `docs` gives it.
    if (word.ends_with(".md")) {
        word.resize(word.size() - 3);
        if (const auto slash = word.rfind('/'); slash != std::string::npos) word.erase(0, slash + 1);
    }
    if (const auto page = docs_page(word)) {
        io.out << *page;
        return doctor::exit_ok;
    }
    if (const auto error = error_class_of(word)) {
        explain_class(io.out, word, *error);
        return doctor::exit_ok;
    }
    std::vector<std::string> known;
    for (const auto& c : doctor::check_table()) known.emplace_back(c.id);
    for (const auto& m : meanings) known.emplace_back(net::to_string(m.error));
    io.err << "ngdoctor explain: unknown check or error class '" << args[0] << "'" << doctor::did_you_mean(word, known)
           << "\n";
    return doctor::exit_usage;
}

}  // namespace ngd::cli
