#pragma once
/// A running ngdoctor-sim for a test: started on a free loopback port with a fresh
/// certificate authority and a scenario, stopped (SIGTERM, then waited for) on destruction.
#include "support/temp_dir.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace ngd::test {

class simulator {
public:
    /// Starts the staged `ngdoctor-sim` with this scenario JSON (empty: the default world:
    /// one valid key, 320 models) plus `extra_args`. Waits for its "listening on" line;
    /// throws std::runtime_error (with the simulator's stderr) when it does not come up.
    explicit simulator(std::string_view scenario_json = {}, const std::vector<std::string>& extra_args = {});
    ~simulator();
    simulator(const simulator&) = delete;
    simulator& operator=(const simulator&) = delete;

    unsigned short port() const { return port_; }
    /// The CA certificate to trust (`--cacert`).
    std::filesystem::path ca_file() const;
    /// The request log (`--log`): one JSON line per request.
    std::filesystem::path log_file() const;
    /// Every host the simulator answers for (openrouter.ai and each status page).
    const std::vector<std::string>& hosts() const { return hosts_; }
    /// "HOST:443:127.0.0.1:PORT" for every simulated host.
    std::vector<std::string> connect_to_values() const;
    /// The same as ready-made arguments: "--connect-to", VALUE, "--connect-to", VALUE, ...
    std::vector<std::string> connect_to_args() const;
    /// "http://127.0.0.1:PORT/api/v1": the API over plain HTTP on loopback.
    std::string plain_base_url() const;
    /// The request log so far, one JSON text per line.
    std::vector<std::string> log_lines() const;
    /// What the simulator wrote on stderr so far.
    std::string stderr_text() const;

    /// Sends SIGTERM and waits; returns the exit status (0 for a clean stop). Idempotent.
    int stop();

private:
    temp_dir dir_;
    pid_t pid_ = -1;
    int exit_code_ = -1;
    unsigned short port_ = 0;
    std::vector<std::string> hosts_;
};

}  // namespace ngd::test
