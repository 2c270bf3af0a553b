// Every OpenRouter body parser: the first byte picks the route, the rest is the body.
#include "fuzz/fuzz_properties.hpp"

#include "doctor/scrub.hpp"
#include "openrouter/chat.hpp"
#include "openrouter/credits.hpp"
#include "openrouter/endpoints.hpp"
#include "openrouter/generation.hpp"
#include "openrouter/error_envelope.hpp"
#include "openrouter/key_info.hpp"
#include "openrouter/model.hpp"
#include "openrouter/providers.hpp"

#include <cstdint>

namespace {

template <class T>
void check(const ngd::openrouter::parse_result<T>& parsed, std::size_t size)
{
    if (!parsed) ngd::fuzz::check_message(ngd::doctor::scrub(parsed.error.text(), {}), size, "body parse error");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0) return 0;
    const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
    using namespace ngd::openrouter;
    switch (data[0] % 9) {
    case 0: check(parse_key_info(body), size); break;
    case 1: check(parse_credits(body), size); break;
    case 2: check(parse_model_list(body), size); break;
    case 3: check(parse_single_model(body), size); break;
    case 4: check(parse_endpoint_list(body), size); break;
    case 5: check(parse_provider_list(body), size); break;
    case 6: check(parse_chat_completion(body), size); break;
    case 7: {
        const auto envelope = parse_error_envelope(body);
        check(envelope, size);
        // The server's own message is printed (after the scrub): it must stay bounded.
        if (envelope) ngd::fuzz::check_message(ngd::doctor::scrub(envelope->message, {}), size, "error message");
        if (const auto loose = loose_error_message(body))
            ngd::fuzz::check_message(ngd::doctor::scrub(*loose, {}), size, "loose error message");
        break;
    }
    case 8: check(parse_generation(body), size); break;
    }
    return 0;
}
