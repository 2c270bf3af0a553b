#define BOOST_TEST_MODULE checks_config_secrets
#include <boost/test/unit_test.hpp>

#include "checks/checks.hpp"
#include "config/resolve.hpp"
#include "doctor/run_context.hpp"
#include "support/temp_dir.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <map>

namespace {

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
        ngd::doctor::check_context cc{ctx, nullptr};
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

}  // namespace

BOOST_AUTO_TEST_CASE(clean_config_is_ok)
{
    world w;
    w.dir.write("env.yaml", "policy_api_key: " + fake_key + "\nauth: Bearer ${policy_api_key}\n");
    auto f = w.run(ngd::checks::config_secrets);
    BOOST_TEST((f.state == status::ok), everything(f));
}

BOOST_AUTO_TEST_CASE(config_dict_exported_warns)
{
    world w;
    w.environment["NEMO_GYM_CONFIG_DICT"] = "policy_api_key: " + fake_key + "\n";
    auto f = w.run(ngd::checks::config_secrets);
    BOOST_TEST((f.state == status::warn));
    BOOST_TEST(f.summary.find("NEMO_GYM_CONFIG_DICT") != std::string::npos);
    no_key_in(f);
}

BOOST_AUTO_TEST_CASE(keys_in_hydra_outputs_warn)
{
    world w;
    w.dir.write("outputs/2026-01-01/10-00-00/.hydra/overrides.yaml", "- +policy_api_key=" + fake_key + "\n");
    w.dir.write("outputs/2026-01-01/10-00-00/.hydra/hydra.yaml", "a: 1\n");
    auto f = w.run(ngd::checks::config_secrets);
    BOOST_TEST((f.state == status::warn));
    BOOST_TEST(everything(f).find("outputs/2026-01-01/10-00-00/.hydra/overrides.yaml") != std::string::npos);
    BOOST_TEST(everything(f).find("hydra.yaml") == std::string::npos);
    no_key_in(f);
}

BOOST_AUTO_TEST_CASE(names_nemo_gym_misses_warn)
{
    for (auto text : {std::string("API_KEY: ") + fake_key, std::string("Token: abcdefabcdef"), std::string("password: hunter22"),
                      std::string("headers: {Authorization: Bearer ") + fake_key + "}", std::string("note: ") + fake_key}) {
        world w;
        w.dir.write("env.yaml", text + "\n");
        auto f = w.run(ngd::checks::config_secrets);
        BOOST_TEST((f.state == status::warn), text);
        BOOST_TEST(f.summary.find("redaction does not mask") != std::string::npos);
        no_key_in(f);
    }
}
