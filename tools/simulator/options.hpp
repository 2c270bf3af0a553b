#pragma once
/// The command line of ngdoctor-sim.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ngd::sim {

struct options {
    std::string bind = "127.0.0.1";
    unsigned short port = 0;                       ///< 0 = any free port
    std::optional<std::filesystem::path> scenario;
    std::optional<std::filesystem::path> generate_ca;  ///< make a CA + server certificate here
    std::optional<std::filesystem::path> cert_dir;     ///< reuse the certificates found here
    std::optional<std::filesystem::path> log;
    bool help = false;
};

struct options_result {
    std::optional<options> parsed;
    std::string error;  ///< when `parsed` is empty
};

options_result parse_options(const std::vector<std::string>& args);

/// The --help text.
std::string usage();

}  // namespace ngd::sim
