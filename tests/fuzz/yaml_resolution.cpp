// The YAML loader and the whole resolution: the input is an env.yaml, printed by dump-config
// as a user would see it (secrets redacted).
#include "fuzz/fuzz_properties.hpp"

#include "config/dump.hpp"
#include "config/resolve.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

namespace {

const std::string& scratch_dir()
{
    static const std::string dir = [] {
        std::string pattern = "/tmp/ngdoctor-fuzz-XXXXXX";
        if (!mkdtemp(pattern.data())) std::abort();
        return pattern;
    }();
    return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string env_yaml = scratch_dir() + "/env.yaml";
    {
        std::ofstream out(env_yaml, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    ngd::config::dump_request request;
    request.resolve.env_file = env_yaml;
    request.resolve.cwd = scratch_dir();
    request.resolve.env = [](std::string_view name) -> std::optional<std::string> {
        if (name == "OPENROUTER_API_KEY") return std::string(ngd::fuzz::canary_key);
        return std::nullopt;
    };
    request.resolve.python_version = [] { return std::optional<std::string>("3.11.2"); };
    request.resolve.find_port = [](int low, int, const std::vector<int>&) { return std::optional<int>(low); };

    const auto printed = ngd::config::dump_config(request);
    // Aliases may repeat a value, so the printed tree may outgrow the file, but only so far.
    const std::size_t bound = 16 * 1024 * 1024;
    if (printed.out.size() > bound) ngd::fuzz::broken("dump-config output unbounded", printed.out.substr(0, 2000));
    if (printed.out.find(ngd::fuzz::canary_key) != std::string::npos)
        ngd::fuzz::broken("dump-config printed the key", printed.out);
    ngd::fuzz::check_message(printed.err, size, "dump-config error");

    // A YAML error names a place inside the file.
    const auto resolved = ngd::config::resolve(request.resolve);
    if (resolved.error && resolved.error->message.starts_with("Malformed YAML in '") &&
        resolved.error->message.find("' at line ") != std::string::npos) {
        const auto& where = resolved.error->where;
        const auto lines = 1 + std::count(data, data + size, '\n');
        if (where.line < 1 || where.line > lines + 1 || where.column < 1)
            ngd::fuzz::broken("YAML error outside the file", resolved.error->text());
    }
    return 0;
}
