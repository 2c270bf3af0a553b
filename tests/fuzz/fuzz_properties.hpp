#pragma once
/// What every fuzz target asserts beyond "no crash": a fixed canary key planted in the input
/// never reaches a printed message, and no message grows without bound. A broken property
/// aborts, so libFuzzer keeps the input that broke it.
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace ngd::fuzz {

/// A fake key shaped like OpenRouter's. Seed inputs carry it; a message that still holds it
/// after the scrub the command line applies is a leak.
inline constexpr std::string_view canary_key =
    "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";

/// Fails the run with `what` on standard error (libFuzzer then saves the input).
[[noreturn]] inline void broken(const char* what, std::string_view message)
{
    std::fprintf(stderr, "property broken: %s\nmessage (%zu bytes): %.*s\n", what, message.size(),
                 static_cast<int>(message.size() > 2000 ? 2000 : message.size()), message.data());
    std::abort();
}

/// A message printed to the user: bounded by the input's size, and without the canary.
inline void check_message(std::string_view message, std::size_t input_size, const char* what)
{
    // Messages quote the input at most a few times (the value, its key, its context).
    const std::size_t bound = 4 * input_size + 4096;
    if (message.size() > bound) broken(what, message.substr(0, 2000));
    if (message.find(canary_key) != std::string_view::npos) broken(what, message);
}

}  // namespace ngd::fuzz
