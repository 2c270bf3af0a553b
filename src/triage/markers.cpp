#include "triage/markers.hpp"

#include <array>
#include <bitset>
#include <cstring>
#include <vector>

namespace ngd::triage {
namespace {

struct needle {
    std::string_view text;
    std::uint32_t bit;
};

constexpr needle needles[] = {
    {"Hit an exception in ", m_hit},
    {"[model_retry ", m_model_retry},
    {"[request_retry ", m_request_retry},
    {"ClientOSError", m_os_error},
    {"ServerDisconnectedError", m_disconnected},
    {"Request info:", m_request_info},
    {"Response content:", m_response_content},
    {"KeyError('choices')", m_choices},
    {"does not resolve", m_not_resolve},
    {"never answered within", m_never_answered},
    {"finished unexpectedly", m_finished},
    {"Could not connect to the head server", m_head_server},
    {"address already in use", m_in_use},
    {"/run failed", m_run_failed},
    {"ClientResponseError: 500", m_client_response},
    {"sk-or-", m_sk_or},
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
// starting at one of `stride` consecutive offsets of the needle: looking at every `stride`-th
// position of the line (a Wu-Manber style skip) cannot miss one, and costs a third of a
// byte-by-byte scan.
constexpr std::size_t shortest = 6;  // "sk-or-"
constexpr std::size_t stride = shortest - 4 + 1;
static_assert([] {
    for (const auto& n : needles)
        if (n.text.size() < shortest) return false;
    return true;
}(), "a needle shorter than `shortest` could fall between the windows looked at");

/// For each 16-bit slot, whether a 4-byte window at offsets 0..stride-1 of some needle
/// hashes there.
struct filter {
    std::bitset<65536> slots;
    filter()
    {
        for (const auto& n : needles)
            for (std::size_t off = 0; off < stride; ++off) slots.set(slot(first_four(n.text.data() + off)));
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
        if (!f.slots.test(slot(v))) continue;
        for (const auto& n : needles) {
            if (found & n.bit) continue;
            for (std::size_t off = 0; off < stride && off <= i; ++off) {
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
