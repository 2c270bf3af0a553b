#pragma once
/// Reads log and transcript lines one at a time: the nested errors, the retry storms, the
/// startup failures, the bare `/run` 500s, and keys written in clear. Keeps counts only.
#include "triage/tally.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace ngd::triage {

class log_scanner {
public:
    explicit log_scanner(tally& causes) : causes_(causes) {}

    void scan(std::string_view line, const place& where);

    /// Only the key check, for rows whose errors are read field by field.
    void scan_keys(std::string_view line, const place& where);

    /// `/run` failures seen (the collector's 500s, `/run failed` lines), explained or not.
    std::int64_t run_failures() const { return std::max(run_failed_lines_, collector_500s_); }

    /// "file:line" of the first `/run` failure ("" when none).
    const std::string& first_failure() const { return first_failure_; }

private:
    void scan_envelope(std::string_view line, std::string_view server, const place& where, std::uint32_t found);
    void scan_retry(std::string_view line, std::string_view server, const place& where);
    void scan_transport(std::string_view line, std::string_view server, const place& where, std::uint32_t found);
    void scan_startup(std::string_view line, const place& where, std::uint32_t found);

    tally& causes_;
    std::int64_t run_failed_lines_ = 0, collector_500s_ = 0;
    std::string first_failure_;
    std::string key_file_;  ///< the last file reported as holding a key (one finding per file)
};

/// "policy_model" from "(policy_model) ..." — the prefix NeMo Gym puts on server output.
std::string_view server_prefix(std::string_view line);

}  // namespace ngd::triage
