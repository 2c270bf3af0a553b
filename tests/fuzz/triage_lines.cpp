// Lines of a failed run as `ngdoctor triage` reads them, from strangers: the nested-error
// unwrapper, the error-envelope reader, the log scanner and the rollout row reader. Beyond
// "no crash": an unwrapped body is never longer than its input (unescaping only shrinks), no
// cause quotes without bound, and a key in a line never reaches a cause's text.
#include "fuzz/fuzz_properties.hpp"

#include "triage/log_scanner.hpp"
#include "triage/redact.hpp"
#include "triage/rollout_rows.hpp"
#include "triage/unwrap.hpp"

#include <cstdint>

namespace {

void check_cause_text(const std::string& text, std::size_t size, const char* what)
{
    // What the command line prints goes through redact() last (cli/triage_command.cpp).
    ngd::fuzz::check_message(ngd::triage::redact(text), size, what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    using namespace ngd::triage;

    const auto peeled = unwrap(text);
    if (peeled.body.size() > size) ngd::fuzz::broken("unwrapped body longer than the input", peeled.body);
    if (peeled.hops.size() > size) ngd::fuzz::broken("more hops than bytes", peeled.body);
    if (const auto e = read_error_envelope(text); e && e->message.size() > size)
        ngd::fuzz::broken("envelope message longer than the input", e->message);

    tally causes;
    log_scanner scanner(causes);
    std::uint64_t number = 0;
    for (std::size_t start = 0; start <= size;) {
        const std::size_t end = std::min(text.find('\n', start), size);
        const auto line = text.substr(start, end - start);
        scanner.scan(line, place{"fuzz.log", ++number});
        (void)read_row(line);
        start = end + 1;
    }
    for (const auto& c : causes.results()) {
        check_cause_text(c.evidence, size, "cause evidence");
        check_cause_text(c.finding.summary, size, "cause summary");
        for (const auto& d : c.finding.details) check_cause_text(d, size, "cause detail");
    }
    return 0;
}
