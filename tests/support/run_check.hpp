#pragma once
/// Runs one check body to completion on its own io_context, as the runner would.
#include "doctor/check.hpp"
#include "doctor/run_context.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

namespace ngd::test {

inline doctor::finding run_check(doctor::check_function check, doctor::run_context& run,
                                 const doctor::target* tgt = nullptr)
{
    boost::asio::io_context io;
    doctor::check_context ctx{run, tgt};
    auto result = boost::asio::co_spawn(io, check(ctx), boost::asio::use_future);
    io.run();
    return result.get();
}

/// A target named "policy" with the three values as if written in env.yaml.
inline doctor::target policy_target(std::optional<std::string> base_url, std::optional<std::string> key,
                                    std::optional<std::string> model)
{
    doctor::target t;
    t.name = "policy";
    t.adapter = "policy";
    t.base_url = {"policy_base_url", std::move(base_url), config::origin::in_file("env.yaml", 1, 18), false};
    t.api_key = {"policy_api_key", std::move(key), config::origin::in_file("env.yaml", 2, 17), false};
    t.model = {"policy_model_name", std::move(model), config::origin::in_file("env.yaml", 3, 20), false};
    return t;
}

/// A key shaped exactly like a real OpenRouter key (never a real one).
inline const std::string fake_key = "sk-or-v1-" + std::string("0e6f44a47a05f1dad2ad7e88c4c1d6b7") +
                                    std::string("7688157716fb1a5271146f7464951c96");

}  // namespace ngd::test
