#define BOOST_TEST_MODULE doctor_runner
#include <boost/test/unit_test.hpp>

#include "doctor/exit_code.hpp"
#include "doctor/run_context.hpp"
#include "doctor/runner.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <stdexcept>

using namespace ngd;
using doctor::check_info;
using doctor::check_scope;
using doctor::finding;
using doctor::status;
namespace asio = boost::asio;

namespace {

// A one-shot event for the tests' own ordering: a timer that never expires by itself.
asio::steady_timer* gate = nullptr;
std::vector<std::string> started;

asio::awaitable<finding> passes(doctor::check_context& ctx)
{
    started.push_back("passes:" + ctx.tgt->name);
    co_return doctor::ok("fine");
}

asio::awaitable<finding> fails(doctor::check_context&)
{
    started.push_back("fails");
    co_return doctor::fail("broken", net::error_class::http_401);
}

asio::awaitable<finding> throws(doctor::check_context&)
{
    throw std::runtime_error("boom");
    co_return doctor::ok("unreachable");
}

// Finishes only after `opens` has run: proves results come back in table order.
asio::awaitable<finding> waits_for_gate(doctor::check_context&)
{
    co_await gate->async_wait(asio::as_tuple(asio::use_awaitable));
    co_return doctor::warn("late");
}

asio::awaitable<finding> opens(doctor::check_context&)
{
    gate->cancel();
    co_return doctor::ok("opened");
}

asio::awaitable<finding> hangs(doctor::check_context&)
{
    asio::steady_timer forever(co_await asio::this_coro::executor, std::chrono::hours(1));
    co_await forever.async_wait(asio::use_awaitable);
    co_return doctor::ok("never");
}

doctor::run_context context(std::size_t targets = 1)
{
    doctor::run_context ctx;
    for (std::size_t i = 0; i < targets; ++i) {
        doctor::target t;
        t.name = "t" + std::to_string(i);
        ctx.targets.push_back(t);
    }
    return ctx;
}

std::vector<finding> run(doctor::run_context& ctx, const std::vector<const check_info*>& checks)
{
    asio::io_context io;
    asio::steady_timer g(io, asio::steady_timer::time_point::max());
    gate = &g;
    started.clear();
    auto out = doctor::run_checks(io, ctx, checks);
    gate = nullptr;
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(results_come_back_in_table_order_whatever_order_they_finish_in)
{
    const check_info slow{"a.slow", "a", "", false, false, check_scope::per_target, {}, waits_for_gate};
    const check_info fast{"b.fast", "b", "", false, false, check_scope::per_target, {}, opens};
    auto ctx = context();
    const auto out = run(ctx, {&slow, &fast});
    BOOST_REQUIRE_EQUAL(out.size(), 2u);
    BOOST_TEST(out[0].check_id == "a.slow");
    BOOST_TEST(out[0].summary == "late");
    BOOST_TEST(out[1].check_id == "b.fast");
    BOOST_TEST(out[0].docs == "docs/checks/a.slow.md");
    BOOST_TEST(out[0].group == "a");
    BOOST_TEST(out[0].target == "t0");
}

BOOST_AUTO_TEST_CASE(per_target_checks_run_once_per_target_and_whole_config_checks_once)
{
    const check_info each{"x.each", "x", "", false, false, check_scope::per_target, {}, passes};
    const check_info once{"x.once", "x", "", false, false, check_scope::whole_config, {}, fails};
    auto ctx = context(3);
    const auto out = run(ctx, {&each, &once});
    BOOST_REQUIRE_EQUAL(out.size(), 4u);
    BOOST_TEST(out[2].target == "t2");
    BOOST_TEST(out[3].target == "config");
}

BOOST_AUTO_TEST_CASE(a_failed_dependency_makes_the_dependent_skip_with_the_reason)
{
    const check_info dep{"k.dep", "k", "", false, false, check_scope::per_target, {}, fails};
    const check_info after{"k.after", "k", "", false, false, check_scope::per_target, {"k.dep"}, passes};
    auto ctx = context();
    const auto out = run(ctx, {&dep, &after});
    BOOST_TEST(doctor::to_string(out[1].state) == "skip");
    BOOST_TEST(out[1].summary == "skipped: k.dep failed");
    BOOST_TEST(started == std::vector<std::string>{"fails"});
    BOOST_TEST(net::to_string(out[1].error) == "none");
}

BOOST_AUTO_TEST_CASE(a_passing_dependency_lets_the_dependent_run)
{
    const check_info dep{"k.dep", "k", "", false, false, check_scope::per_target, {}, passes};
    const check_info after{"k.after", "k", "", false, false, check_scope::per_target, {"k.dep"}, passes};
    auto ctx = context();
    const auto out = run(ctx, {&dep, &after});
    BOOST_TEST(doctor::to_string(out[1].state) == "ok");
}

BOOST_AUTO_TEST_CASE(an_exception_becomes_a_crash_row_and_the_run_goes_on)
{
    const check_info bad{"c.bad", "c", "", false, false, check_scope::per_target, {}, throws};
    const check_info good{"c.good", "c", "", false, false, check_scope::per_target, {}, passes};
    auto ctx = context();
    const auto out = run(ctx, {&bad, &good});
    BOOST_TEST(doctor::to_string(out[0].state) == "crash");
    BOOST_TEST(out[0].summary.find("boom") != std::string::npos);
    BOOST_TEST(doctor::to_string(out[1].state) == "ok");
    BOOST_TEST(doctor::exit_code_for(out, false) == doctor::exit_crashed);
}

BOOST_AUTO_TEST_CASE(the_deadline_ends_pending_checks_as_timeouts)
{
    const check_info stuck{"d.stuck", "d", "", true, false, check_scope::per_target, {}, hangs};
    const check_info after{"d.after", "d", "", false, false, check_scope::per_target, {"d.stuck"}, passes};
    const check_info quick{"d.quick", "d", "", false, false, check_scope::per_target, {}, passes};
    auto ctx = context();
    ctx.options.deadline = std::chrono::milliseconds(50);
    const auto out = run(ctx, {&stuck, &after, &quick});
    BOOST_TEST(doctor::to_string(out[0].state) == "fail");
    BOOST_TEST(net::to_string(out[0].error) == "timeout");
    BOOST_TEST(out[0].summary.find("deadline") != std::string::npos);
    BOOST_TEST(doctor::to_string(out[1].state) != "ok");
    BOOST_TEST(doctor::to_string(out[2].state) == "ok");
}

BOOST_AUTO_TEST_CASE(offline_skips_network_checks_and_live_only_needs_live)
{
    const check_info net_check{"n.net", "n", "", true, false, check_scope::per_target, {}, passes};
    const check_info paid{"n.paid", "n", "", true, true, check_scope::per_target, {}, passes};
    const check_info local{"n.local", "n", "", false, false, check_scope::per_target, {}, passes};
    auto ctx = context();
    ctx.options.offline = true;
    auto out = run(ctx, {&net_check, &paid, &local});
    BOOST_TEST(out[0].summary == "skipped: --offline");
    BOOST_TEST(doctor::to_string(out[2].state) == "ok");
    ctx.options.offline = false;
    out = run(ctx, {&net_check, &paid});
    BOOST_TEST(doctor::to_string(out[0].state) == "ok");
    BOOST_TEST(out[1].summary.find("--live") != std::string::npos);
    ctx.options.live = true;
    out = run(ctx, {&paid});
    BOOST_TEST(doctor::to_string(out[0].state) == "ok");
}

BOOST_AUTO_TEST_CASE(exit_codes)
{
    std::vector<finding> findings{doctor::ok("a"), doctor::warn("b"), doctor::skip("c")};
    BOOST_TEST(doctor::exit_code_for(findings, false) == 0);
    BOOST_TEST(doctor::exit_code_for(findings, true) == 1);
    findings.push_back(doctor::fail("d", net::error_class::config));
    BOOST_TEST(doctor::exit_code_for(findings, false) == 1);
    findings.back().state = status::crash;
    BOOST_TEST(doctor::exit_code_for(findings, false) == 3);
    const auto t = doctor::count(findings);
    BOOST_TEST(t.ok == 1);
    BOOST_TEST(t.warn == 1);
    BOOST_TEST(t.skip == 1);
    BOOST_TEST(t.crash == 1);
}

BOOST_AUTO_TEST_CASE(selecting_by_id_or_group_brings_dependencies_and_reports_unknown_names)
{
    std::vector<std::string> unknown;
    const auto picked = doctor::select_checks({"credits", "base_url", "nope"}, unknown);
    std::vector<std::string> ids;
    for (const auto* c : picked) ids.emplace_back(c->id);
    BOOST_TEST(unknown == std::vector<std::string>{"nope"});
    // credits needs key.status, which needs key.format and base_url.reach.
    for (const char* want : {"key.format", "base_url.format", "base_url.reach", "key.status", "credits"})
        BOOST_TEST((std::find(ids.begin(), ids.end(), want) != ids.end()), want);
    BOOST_TEST((std::find(ids.begin(), ids.end(), "model.availability") == ids.end()));
}
