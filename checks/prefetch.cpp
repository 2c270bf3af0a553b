// What each network check will ask, started at once when the run begins (see
// doctor::prefetch_function). Everything here only warms the shared cache: the checks
// ask again and get the same answers.
#include "checks/common.hpp"
#include "checks/network.hpp"
#include "openrouter/known_status_pages.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/this_coro.hpp>

namespace ngd::checks {
namespace asio = boost::asio;
using namespace boost::asio::experimental::awaitable_operators;

namespace {

// The offline verdicts are instant: a URL they reject is not worth a request.
asio::awaitable<bool> worth_asking(check_context& ctx)
{
    const finding verdict = co_await base_url_format(ctx);
    co_return verdict.state != doctor::status::fail;
}

bool has_model_id(const doctor::target& t)
{
    return t.model.value && t.model.value->find('/') != std::string::npos && !t.model.unresolved;
}

// Arguments are named values: GCC 12 mishandles temporaries inside co_await expressions.
asio::awaitable<void> models(check_context& ctx)
{
    const std::string base = base_of(*ctx.tgt), key = key_of(*ctx.tgt);
    co_await ctx.run.fetched->models(base, key);
}

asio::awaitable<void> user_models(check_context& ctx)
{
    const std::string base = base_of(*ctx.tgt), key = key_of(*ctx.tgt);
    if (!key.empty()) co_await ctx.run.fetched->user_models(base, key);
}

asio::awaitable<void> endpoints(check_context& ctx)
{
    if (!has_model_id(*ctx.tgt)) co_return;
    // With the key (OpenRouter only calls this): throughput is shown to authenticated callers alone.
    const std::string base = base_of(*ctx.tgt), id = *ctx.tgt->model.value, key = key_of(*ctx.tgt);
    co_await ctx.run.fetched->endpoints(base, id, key);
}

asio::awaitable<void> providers(check_context& ctx)
{
    const std::string base = base_of(*ctx.tgt);
    co_await ctx.run.fetched->providers(base);
}

}  // namespace

asio::awaitable<void> prefetch_catalog(check_context& ctx)
{
    const bool worth = co_await worth_asking(ctx);
    if (worth) co_await models(ctx);
}

asio::awaitable<void> prefetch_key(check_context& ctx)
{
    if (!targets_openrouter(*ctx.tgt) || !sendable_key(*ctx.tgt)) co_return;
    const bool worth = co_await worth_asking(ctx);
    if (!worth) co_return;
    const finding key_verdict = co_await key_format(ctx);
    if (key_verdict.state == doctor::status::fail) co_return;
    const std::string base = base_of(*ctx.tgt), key = key_of(*ctx.tgt);
    co_await ctx.run.fetched->key(base, key);
}

asio::awaitable<void> prefetch_model(check_context& ctx)
{
    const bool worth = co_await worth_asking(ctx);
    if (!worth) co_return;
    if (targets_openrouter(*ctx.tgt))
        co_await (models(ctx) && user_models(ctx) && endpoints(ctx));
    else
        co_await models(ctx);
}

asio::awaitable<void> status_page(check_context& ctx, const std::string& url)
{
    co_await ctx.run.fetched->status_page(url);
}

void ask_status_page(const asio::any_io_executor& executor, doctor::answers* answers,
                     std::string url)
{
    asio::co_spawn(executor, [answers, url = std::move(url)]() -> asio::awaitable<void> {
        co_await answers->status_page(url);
    }, asio::detached);
}

// Endpoints and providers together, then every status page those name, each on its own.
// The pages of the providers the model's author is usually routed to start at time zero,
// before /providers names them: when it does, their answers are already there; when it
// names others, those are fetched then; a page it does not name is never reported.
asio::awaitable<void> prefetch_providers(check_context& ctx)
{
    if (!targets_openrouter(*ctx.tgt) || !has_model_id(*ctx.tgt)) co_return;
    const bool worth = co_await worth_asking(ctx);
    if (!worth) co_return;
    const std::string base = base_of(*ctx.tgt), id = *ctx.tgt->model.value, key = key_of(*ctx.tgt);
    auto executor = co_await asio::this_coro::executor;
    // Awaited here, not detached: the run's deadline cancels this prefetch and all it waits on.
    const auto likely = openrouter::likely_status_pages(id.substr(0, id.find('/')));
    if (likely.empty())
        co_await (endpoints(ctx) && providers(ctx));
    else
        co_await (endpoints(ctx) && providers(ctx) && status_page(ctx, likely.front()));
    const auto* e = co_await ctx.run.fetched->endpoints(base, id, key);
    const auto* p = co_await ctx.run.fetched->providers(base);
    if (!e->ok() || !p->ok()) co_return;
    for (const auto& endpoint : e->value->endpoints) {
        const auto* provider = p->value->find_slug(endpoint.tag.substr(0, endpoint.tag.find('/')));
        if (provider && provider->status_page_url) ask_status_page(executor, ctx.run.fetched, *provider->status_page_url);
    }
}

}  // namespace ngd::checks
