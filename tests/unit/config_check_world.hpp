#pragma once
/// A config check run on a config written into a temporary folder: the config is resolved
/// as `ngdoctor` would, with a fake environment and deterministic ports.
#include "checks/checks.hpp"
#include "config/resolve.hpp"
#include "doctor/run_context.hpp"
#include "support/temp_dir.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <map>

namespace config_checks {

const std::string fake_key = "sk-or-v1-" + std::string("5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a");

struct world {
    ngd::test::temp_dir dir;
    std::map<std::string, std::string> environment;
    std::vector<std::string> overrides;
    std::optional<std::string> env_file;

    ngd::config::env_lookup env()
    {
        return [this](std::string_view name) -> std::optional<std::string> {
            auto it = environment.find(std::string(name));
            if (it == environment.end()) return std::nullopt;
            return it->second;
        };
    }

    ngd::doctor::finding run(ngd::checks::result (*check)(ngd::doctor::check_context&))
    {
        return run_on(check, std::nullopt);
    }

    /// A per-target check on the config's target number `index`.
    ngd::doctor::finding run_on(ngd::checks::result (*check)(ngd::doctor::check_context&),
                                std::optional<std::size_t> index)
    {
        ngd::doctor::run_context ctx;
        ngd::config::resolve_options o;
        o.cwd = dir.path().string();
        o.overrides = overrides;
        o.env_file = env_file;
        o.env = env();
        o.find_port = [](int low, int, const std::vector<int>& d) { return std::optional<int>(low + static_cast<int>(d.size())); };
        o.python_version = [] { return std::optional<std::string>(); };
        ctx.config = ngd::config::resolve(o);
        ctx.targets = ngd::doctor::find_targets(ctx.config.root);
        ctx.env = env();
        ngd::doctor::check_context cc{ctx, index ? &ctx.targets.at(*index) : nullptr};
        boost::asio::io_context io;
        ngd::doctor::finding out;
        boost::asio::co_spawn(io, check(cc), [&](std::exception_ptr e, ngd::doctor::finding f) {
            if (e) std::rethrow_exception(e);
            out = std::move(f);
        });
        io.run();
        return out;
    }
};

std::string everything(const ngd::doctor::finding& f)
{
    std::string all = f.summary + "\n" + f.remedy.text + "\n";
    for (auto& d : f.details) all += d + "\n";
    for (auto& c : f.remedy.commands) all += c + "\n";
    return all;
}

void no_key_in(const ngd::doctor::finding& f)
{
    BOOST_TEST(everything(f).find(fake_key) == std::string::npos);
    BOOST_TEST(everything(f).find(fake_key.substr(20, 30)) == std::string::npos);
}

using ngd::doctor::status;

}  // namespace config_checks

using namespace config_checks;
