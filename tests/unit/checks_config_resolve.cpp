#define BOOST_TEST_MODULE checks_config_resolve
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

BOOST_AUTO_TEST_CASE(resolving_config_is_ok)
{
    world w;
    w.dir.write("env.yaml", "policy_api_key: " + fake_key + "\n");
    auto f = w.run(ngd::checks::config_resolve);
    BOOST_TEST((f.state == status::ok));
    no_key_in(f);
}

BOOST_AUTO_TEST_CASE(missing_key_fails_with_nemo_gym_text_and_fix)
{
    world w;
    w.dir.write("env.yaml", "srv:\n  k: ${policy_api_key}\n");
    auto f = w.run(ngd::checks::config_resolve);
    BOOST_TEST((f.state == status::fail));
    BOOST_TEST(f.summary.find("ConfigInterpolationError: Config value 'srv.k' references 'policy_api_key'") !=
               std::string::npos, f.summary);
    BOOST_TEST(f.remedy.commands.front() == "ngdoctor dump-config ++policy_api_key=<value>");
    BOOST_TEST(everything(f).find("at env.yaml:2") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_error_kind_has_a_fix)
{
    std::vector<std::pair<std::string, std::vector<std::string>>> inputs{
        {"a: ${oc.env:NGD_NOT_SET}\n", {}}, {"a: ${b}\nb: ${a}\n", {}}, {"a: ${x:1}\n", {}}, {"a: ${b\n", {}},
        {"a: 1\n", {"+config_paths=[nope.yaml]"}}, {"a: ???\n", {}}, {"a: 1\n", {"a=2"}},
        {"a: 1\na: 2\n", {}}, {"config_paths: x.yaml\n", {}}};
    for (auto& [text, overrides] : inputs) {
        world w;
        w.dir.write("env.yaml", text);
        w.overrides = overrides;
        auto f = w.run(ngd::checks::config_resolve);
        BOOST_TEST((f.state == status::fail), text);
        BOOST_TEST(!f.remedy.text.empty(), text);
        BOOST_TEST((f.error == ngd::net::error_class::config));
    }
}

BOOST_AUTO_TEST_CASE(a_key_quoted_in_an_error_is_masked)
{
    world w;
    w.overrides = {"+a=" + fake_key, "~a=other"};
    auto f = w.run(ngd::checks::config_resolve);
    BOOST_TEST((f.state == status::fail));
    no_key_in(f);
}

BOOST_AUTO_TEST_CASE(warnings_nemo_gym_prints_make_a_warning)
{
    world w;
    w.dir.write("a.yaml", "config_paths: [c.yaml]\n");
    w.dir.write("b.yaml", "config_paths: [c.yaml]\n");
    w.dir.write("c.yaml", "c: 1\n");
    w.overrides = {"+config_paths=[a.yaml,b.yaml]"};
    auto f = w.run(ngd::checks::config_resolve);
    BOOST_TEST((f.state == status::warn));
    BOOST_TEST(everything(f).find("Duplicate config paths") != std::string::npos);
}
