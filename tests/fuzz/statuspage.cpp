// Statuspage bodies (status.json and summary.json), as provider.status reads them.
#include "fuzz/fuzz_properties.hpp"

#include "doctor/scrub.hpp"
#include "openrouter/statuspage.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    using namespace ngd::openrouter;
    if (const auto state = parse_statuspage_status(body); !state)
        ngd::fuzz::check_message(ngd::doctor::scrub(state.error.text(), {}), size, "status.json parse error");
    const auto summary = parse_statuspage_summary(body);
    if (!summary) {
        ngd::fuzz::check_message(ngd::doctor::scrub(summary.error.text(), {}), size, "summary.json parse error");
        return 0;
    }
    (void)summary->worst_component();
    return 0;
}
