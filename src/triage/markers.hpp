#pragma once
/// The fixed strings that make a log line worth a closer look, found in one pass over the
/// line: most lines of a long log are none of them, and must cost little more than grep.
#include <cstdint>
#include <string_view>

namespace ngd::triage {

enum marker : std::uint32_t {
    m_hit = 1u << 0,                ///< Hit an exception in
    m_model_retry = 1u << 1,        ///< [model_retry
    m_request_retry = 1u << 2,      ///< [request_retry
    m_os_error = 1u << 3,           ///< ClientOSError
    m_disconnected = 1u << 4,       ///< ServerDisconnectedError
    m_request_info = 1u << 5,       ///< Request info:
    m_response_content = 1u << 6,   ///< Response content:
    m_choices = 1u << 7,            ///< KeyError('choices')
    m_not_resolve = 1u << 8,        ///< does not resolve
    m_never_answered = 1u << 9,     ///< never answered within
    m_finished = 1u << 10,          ///< finished unexpectedly
    m_head_server = 1u << 11,       ///< Could not connect to the head server
    m_in_use = 1u << 12,            ///< address already in use
    m_run_failed = 1u << 13,        ///< /run failed
    m_client_response = 1u << 14,   ///< ClientResponseError: 500
    m_sk_or = 1u << 15,             ///< sk-or-v
    m_bearer = 1u << 16,            ///< Bearer
    m_api_key = 1u << 17,           ///< api_key
    m_error_envelope = 1u << 18,    ///< {"error":
};

/// Which markers `line` holds (a bit set of `marker`).
std::uint32_t find_markers(std::string_view line);

}  // namespace ngd::triage
