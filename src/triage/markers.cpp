#include "triage/markers.hpp"

#include <array>
#include <bit>
#include <cstring>
#include <vector>

namespace ngd::triage {
namespace {

struct needle {
    std::string_view text;
    std::uint32_t bit;
    /// Where the part of the needle that is looked up starts: chosen so the windows are rare
    /// in ordinary lines ("[model_retry " is looked up by "_retry", not by the "model" of
    /// every "(policy_model) " prefix).
    std::size_t anchor = 0;
};

constexpr needle needles[] = {
    {"Hit an exception in ", m_hit, 7},  // "exce"
    {"[model_retry ", m_model_retry, 6},  // "_ret"
    {"[request_retry ", m_request_retry, 8},  // "_ret"
    {"ClientOSError", m_os_error, 4},  // "ntOS"
    {"ServerDisconnectedError", m_disconnected, 5},  // "rDis"
    {"Request info:", m_request_info, 6},  // "t in"
    {"Response content:", m_response_content, 5},  // "nse "
    {"KeyError('choices')", m_choices, 6},  // "or('"
    {"does not resolve", m_not_resolve, 8},  // " res"
    {"never answered within", m_never_answered, 5},  // " ans"
    {"finished unexpectedly", m_finished, 8},  // " une"
    {"Could not connect to the head server", m_head_server, 26},  // "ead "
    {"address already in use", m_in_use, 6},  // "s al"
    {"/run failed", m_run_failed, 3},  // "n fa"
    {"ClientResponseError: 500", m_client_response, 4},  // "ntRe"
    {"sk-or-v", m_sk_or},  // OpenRouter keys are sk-or-v1-...; bare keys elsewhere come after api_key or Bearer
    {"Bearer ", m_bearer},
    {"api_key", m_api_key},
    {"{\"error\":", m_error_envelope},
};

std::uint32_t first_four(const char* p)
{
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

std::uint32_t slot(std::uint32_t v)
{
    return (v * 2654435761u) >> 16;  // Knuth's multiplicative hash into 16 bits
}

// Every needle is at least `shortest` bytes long, so an occurrence covers a 4-byte window
// starting at one of `stride` consecutive offsets of the needle (from its anchor on), all
// inside it: looking at every `stride`-th
// position of the line (a Wu-Manber style skip) cannot miss one, and costs a quarter of a
// byte-by-byte scan.
constexpr std::size_t shortest = 7;  // "sk-or-v", "Bearer ", "api_key"
constexpr std::size_t stride = shortest - 4 + 1;
static_assert([] {
    for (const auto& n : needles)
        if (n.text.size() < shortest || n.anchor + stride + 3 > n.text.size()) return false;
    return true;
}(), "every needle must hold `stride` windows of 4 bytes from its anchor on");

/// For each 16-bit slot, the needles (by index) with a 4-byte window at offsets
/// anchor..anchor+stride-1 that hashes there: a line position is compared with those only.
struct filter {
    std::array<std::uint32_t, 65536> slots{};
    filter()
    {
        for (std::size_t i = 0; i < std::size(needles); ++i)
            for (std::size_t off = needles[i].anchor; off < needles[i].anchor + stride; ++off)
                slots[slot(first_four(needles[i].text.data() + off))] |= 1u << i;
    }
};

const filter& the_filter()
{
    static const filter f;
    return f;
}

}  // namespace

std::uint32_t find_markers(std::string_view line)
{
    static_assert(std::size(needles) < 32);
    const filter& f = the_filter();
    std::uint32_t found = 0;
    if (line.size() < shortest) return 0;
    const char* data = line.data();
    const std::size_t last = line.size() - 4;
    for (std::size_t i = 0; i <= last; i += stride) {
        const std::uint32_t v = first_four(data + i);
        std::uint32_t candidates = f.slots[slot(v)];
        while (candidates != 0) {
            const int index = std::countr_zero(candidates);
            candidates &= candidates - 1;
            const needle& n = needles[index];
            if (found & n.bit) continue;
            for (std::size_t off = n.anchor; off < n.anchor + stride && off <= i; ++off) {
                const std::size_t start = i - off;
                if (first_four(n.text.data() + off) == v && line.size() - start >= n.text.size() &&
                    std::memcmp(data + start, n.text.data(), n.text.size()) == 0) {
                    found |= n.bit;
                    break;
                }
            }
        }
    }
    return found;
}

}  // namespace ngd::triage
