#pragma once
/// A check's verdict as data: what the text and JSON reports print, and nothing else.
#include "net/error_class.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::doctor {

enum class status { ok, warn, fail, skip, crash };

/// "ok", "warn", "fail", "skip", "crash".
std::string_view to_string(status s) noexcept;

/// A config change that is the fix: set `key` (dotted path) to `value`, written in `file`
/// at `line` when the value came from a file.
struct edit {
    std::string file;   ///< "" when the value was not set in a file (default, override, absent)
    int line = 0;       ///< 1-based; 0 with no file
    std::string key;
    std::optional<std::string> value;  ///< nullopt: only the user knows it (a new key)
    bool secret = false;               ///< the value is a secret: reports show it masked
};

/// What to do about a finding: a sentence, and the exact commands that help.
struct fix {
    std::string text;
    std::vector<std::string> commands;  ///< e.g. a curl line with $OPENROUTER_API_KEY, never a key
    std::vector<edit> edits = {};       ///< the same fix as config changes, when it is one
    bool empty() const { return text.empty() && commands.empty() && edits.empty(); }
};

struct finding {
    // Filled by the runner from the check table and the target.
    std::string check_id;
    std::string group;
    std::string target;   ///< target name, or "config" for checks that look at the whole config
    std::string docs;     ///< docs/checks/<id>.md
    std::chrono::milliseconds elapsed{0};
    /// The check (same target, or the whole config) whose failure this finding only follows
    /// from: the failed dependency that made it skip, or the offline check that already named
    /// the problem this network check confirms. "" for a root cause.
    std::string caused_by;

    // Filled by the check.
    status state = status::ok;
    std::string summary;               ///< one line
    std::vector<std::string> details;  ///< more lines, shown under the summary
    net::error_class error = net::error_class::none;
    fix remedy;
};

/// Builders for check bodies: `co_return fail("...", net::error_class::config, {"fix", {"cmd"}});`
finding ok(std::string summary, std::vector<std::string> details = {});
finding warn(std::string summary, fix remedy = {}, std::vector<std::string> details = {});
finding fail(std::string summary, net::error_class error, fix remedy = {},
             std::vector<std::string> details = {});
finding skip(std::string reason);

}  // namespace ngd::doctor
