#pragma once
/// Runs a program the way a user would, and captures what it did.
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ngd::test {

struct run_result {
    int exit_code = -1;      ///< the exit status; 128 + N when killed by signal N
    std::string out;
    std::string err;
    bool timed_out = false;  ///< killed after the limit
};

struct run_options {
    std::filesystem::path cwd;                         ///< empty = inherit
    std::map<std::string, std::optional<std::string>> env;  ///< set (value) or unset (nullopt) on top of ours
    std::string input;                                 ///< written to stdin, then closed
    std::chrono::seconds limit{60};                    ///< a safety net against hangs, not a timing assertion
};

/// Runs `program` with `args`, no shell involved.
run_result run(const std::filesystem::path& program, const std::vector<std::string>& args,
               const run_options& options = {});

/// A binary staged next to the running test (bin/<variant>/NAME).
std::filesystem::path staged_binary(const std::string& name);

}  // namespace ngd::test
