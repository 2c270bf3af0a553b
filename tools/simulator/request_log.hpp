#pragma once
/// The request log: one JSON line per request (time, host, method, path, auth, status).
/// `auth` is "none", "unknown" or the scenario's name for the key: never the key itself,
/// so tests can read the log to prove where keys were sent.
#include <filesystem>
#include <fstream>
#include <string_view>

namespace ngd::sim {

struct log_entry {
    std::string_view host;
    std::string_view method;
    std::string_view path;
    std::string_view auth;
    int status = 0;
    bool tls = false;
};

class request_log {
public:
    /// Opens (appends to) the file; `ok()` says whether that worked.
    explicit request_log(const std::filesystem::path& file);
    bool ok() const { return out_.good(); }
    /// Writes and flushes one line, so a reader sees it as soon as the answer is sent.
    void write(const log_entry& entry);

private:
    std::ofstream out_;
};

}  // namespace ngd::sim
