#pragma once
/// `dump-config`: the resolved config as NeMo Gym would print it (redacted unless asked),
/// or NeMo Gym's message for the first config error.
#include "config/resolve.hpp"

#include <string>

namespace ngd::config {

struct dump_request {
    resolve_options resolve;
    enum class format { yaml, json } as = format::yaml;
    bool show_origin = false;
    bool show_secrets = false;
};

struct dump_output {
    int exit_code = 0;  ///< 0, or 1 on a config error
    std::string out;    ///< stdout
    std::string err;    ///< stderr
};

/// Resolves and prints. Never throws for bad input.
dump_output dump_config(const dump_request& request);

}  // namespace ngd::config
