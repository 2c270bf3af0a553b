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

namespace {

asio::awaitable<finding> fails_5xx(doctor::check_context&)
{
    co_return doctor::fail("server error", net::error_class::http_5xx);
}

asio::awaitable<finding> fails_404(doctor::check_context&)
{
    co_return doctor::fail("not in the catalog", net::error_class::http_404);
}

asio::awaitable<finding> fails_config(doctor::check_context&)
{
    co_return doctor::fail("no provider prefix", net::error_class::config);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_chain_of_skips_names_the_root_failure_once)
{
    const check_info root{"r.root", "r", "", false, false, check_scope::per_target, {}, fails};
    const check_info mid{"r.mid", "r", "", false, false, check_scope::per_target, {"r.root"}, passes};
    const check_info leaf{"r.leaf", "r", "", false, false, check_scope::per_target, {"r.mid"}, passes};
    auto ctx = context();
    const auto out = run(ctx, {&root, &mid, &leaf});
    BOOST_TEST(out[0].caused_by == "");
    BOOST_TEST(out[1].summary == "skipped: r.root failed");
    BOOST_TEST(out[1].caused_by == "r.root");
    BOOST_TEST(out[2].summary == "skipped: r.root failed");
    BOOST_TEST(out[2].caused_by == "r.root");
}

BOOST_AUTO_TEST_CASE(a_skip_without_failure_passes_its_reason_and_names_where_it_started)
{
    const check_info net_check{"s.net", "s", "", true, false, check_scope::per_target, {}, passes};
    const check_info after{"s.after", "s", "", false, false, check_scope::per_target, {"s.net"}, passes};
    auto ctx = context();
    ctx.options.offline = true;
    const auto out = run(ctx, {&net_check, &after});
    BOOST_TEST(out[1].summary == "skipped: --offline");
    BOOST_TEST(out[1].caused_by == "s.net");
}

BOOST_AUTO_TEST_CASE(a_network_check_confirming_a_config_failure_of_its_group_follows_from_it)
{
    const check_info id_format{"model.id_format", "model", "", false, false, check_scope::per_target, {}, fails_config};
    const check_info availability{"model.availability", "model", "", true, false, check_scope::per_target, {},
                                  fails_404};
    const check_info other{"key.status", "key", "", true, false, check_scope::per_target, {}, fails_404};
    auto ctx = context(2);
    const auto out = run(ctx, {&id_format, &availability, &other});
    BOOST_TEST(out[2].caused_by == "model.id_format");  // availability, t0
    BOOST_TEST(out[3].caused_by == "model.id_format");  // availability, t1
    BOOST_TEST(out[4].caused_by == "");                 // another group: its own problem
}

BOOST_AUTO_TEST_CASE(reach_answering_5xx_still_lets_dependents_run_and_a_repeat_of_it_follows_from_it)
{
    const check_info reach{"base_url.reach", "base_url", "", true, false, check_scope::per_target, {}, fails_5xx};
    const check_info key{"key.status", "key", "", true, false, check_scope::per_target, {"base_url.reach"}, passes};
    const check_info model{"model.availability", "model", "", true, false, check_scope::per_target,
                           {"base_url.reach"}, fails_5xx};
    auto ctx = context();
    const auto out = run(ctx, {&reach, &key, &model});
    BOOST_TEST(doctor::to_string(out[1].state) == "ok");
    BOOST_TEST(doctor::to_string(out[2].state) == "fail");
    BOOST_TEST(out[2].caused_by == "base_url.reach");
    BOOST_TEST(out[0].caused_by == "");
}
