// Hydra's override grammar: each input line is one command-line override, applied to an empty
// config as NeMo Gym's CLI layer does.
#include "fuzz/fuzz_properties.hpp"

#include "config/overrides.hpp"
#include "config/redact.hpp"
#include "doctor/scrub.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace {

// A message as the command line prints it: NeMo Gym's credential masking, then the scrub
// every printed text passes (a key glued to other text is found there).
std::string as_printed(const std::string& message)
{
    return ngd::doctor::scrub(ngd::config::mask_credentials_in(message), {});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> overrides;
    for (std::size_t start = 0; start <= input.size();) {
        const std::size_t end = std::min(input.find('\n', start), input.size());
        overrides.emplace_back(input.substr(start, end - start));
        start = end + 1;
    }
    for (const auto& one : overrides) {
        const auto parsed = ngd::config::parse_override(one);
        if (const auto* error = std::get_if<std::string>(&parsed))
            ngd::fuzz::check_message(as_printed(*error), size, "override parse error");
    }
    const auto applied = ngd::config::apply_overrides(overrides);
    if (applied.error)
        ngd::fuzz::check_message(as_printed(applied.error->printed()), size,
                                 "override application error");
    return 0;
}
