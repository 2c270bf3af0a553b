// The response headers ngdoctor reads numbers and dates from: X-RateLimit-*, Retry-After.
// UndefinedBehaviorSanitizer turns any overflow in their arithmetic into a finding.
#include "fuzz/fuzz_properties.hpp"

#include "openrouter/rate_limit.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    using namespace ngd::openrouter;
    (void)parse_header_integer(text);
    (void)parse_http_date(text);
    if (const auto after = parse_retry_after(text)) (void)after->wait_from(std::chrono::system_clock::now());
    ngd::net::header_list headers;
    for (const char* name : {"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After"})
        headers.emplace_back(name, std::string(text));
    (void)read_rate_limit_headers(headers);
    if (const auto after = read_retry_after(headers)) (void)after->wait_from(std::chrono::system_clock::now());
    return 0;
}
