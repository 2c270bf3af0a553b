#include "doctor/answers.hpp"

#include "openrouter/known_status_pages.hpp"
#include "openrouter/status_redirect.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cctype>
#include <functional>
#include <utility>

namespace ngd::doctor {
namespace asio = boost::asio;

// GCC 12 mishandles lambdas and temporaries inside co_await expressions, so the fetch is a
// plain function pointer and every argument is a named value.
template <class T>
template <class... Params, class... Args>
asio::awaitable<const T*> fetched_once<T>::get(const std::string& id, asio::awaitable<T> (*fetch)(Params...),
                                               Args... args)
{
    auto found = slots_.find(id);
    if (found == slots_.end()) {
        auto s = std::make_shared<slot>();
        auto executor = co_await asio::this_coro::executor;
        s->ready = std::make_unique<asio::steady_timer>(executor, asio::steady_timer::time_point::max());
        slots_.emplace(id, s);
        try {
            T value = co_await fetch(args...);
            s->value.emplace(std::move(value));
        } catch (...) {
            s->failure = std::current_exception();  // waiters must not wait for ever
        }
        s->ready->cancel();
        found = slots_.find(id);
    }
    std::shared_ptr<slot> s = found->second;  // keeps the slot alive while this coroutine waits
    while (!s->value && !s->failure) co_await s->ready->async_wait(asio::as_tuple(asio::use_awaitable));
    if (s->failure) std::rethrow_exception(s->failure);
    co_return &*s->value;
}

template <class T>
void fetched_once<T>::put(const std::string& id, T value)
{
    auto s = std::make_shared<slot>();
    s->value.emplace(std::move(value));
    slots_[id] = std::move(s);
}

namespace {

// Answers for different keys must not mix, but the key itself is no map key: a hash is enough.
std::string with_key(const std::string& url, const std::string& api_key)
{
    return url + "#" + std::to_string(std::hash<std::string>{}(api_key));
}

std::string probe_id(const std::string& base, const std::string& api_key, const std::string& model,
                     openrouter::inference_api api)
{
    return with_key(base, api_key) + "|" + model + "|" + std::to_string(static_cast<int>(api));
}

std::optional<openrouter::model_ref> ref_of(const std::string& id)
{
    return openrouter::split_model_id(id);
}

bool is_openrouter(const std::string& base)
{
    const auto host_start = base.find("://");
    const auto rest = host_start == std::string::npos ? base : base.substr(host_start + 3);
    const auto host = rest.substr(0, rest.find_first_of("/:?#"));
    std::string lower;
    for (const char c : host) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return openrouter::is_openrouter_api_host(lower);
}

// OpenRouter's catalog is public: asked without the key, and shared by every key.
std::string catalog_key(const std::string& base, const std::string& api_key)
{
    return is_openrouter(base) ? std::string() : api_key;
}

}  // namespace

asio::awaitable<const answers::key_answer*> answers::key(const std::string& base, const std::string& api_key)
{
    const std::string id = with_key(base, api_key);
    const std::string_view b = base, k = api_key;
    co_return co_await keys_.get(id, &openrouter::get_key, std::ref(http_), b, k);
}

asio::awaitable<const answers::credits_answer*> answers::credits(const std::string& base, const std::string& api_key)
{
    const std::string id = with_key(base, api_key);
    const std::string_view b = base, k = api_key;
    co_return co_await credits_.get(id, &openrouter::get_credits, std::ref(http_), b, k);
}

asio::awaitable<const answers::models_answer*> answers::models(const std::string& base, const std::string& api_key)
{
    const std::string key = catalog_key(base, api_key);
    const std::string id = with_key(base, key);
    const std::string_view b = base, k = key;
    openrouter::catalog_reads* reads = &catalogs_;
    co_return co_await models_.get(id, &openrouter::list_models, std::ref(http_), b, k, reads);
}

asio::awaitable<const answers::models_answer*> answers::user_models(const std::string& base,
                                                                    const std::string& api_key)
{
    const std::string id = with_key(base, api_key);
    const std::string_view b = base, k = api_key;
    openrouter::catalog_reads* reads = &catalogs_;
    co_return co_await user_models_.get(id, &openrouter::list_user_models, std::ref(http_), b, k, reads);
}

asio::awaitable<const answers::model_answer*> answers::model(const std::string& base, const std::string& model_id)
{
    const std::string id = base + "|" + model_id;
    const openrouter::model_ref ref = ref_of(model_id).value_or(openrouter::model_ref{});
    const std::string_view b = base, no_key;
    co_return co_await model_.get(id, &openrouter::get_model, std::ref(http_), b, std::cref(ref), no_key);
}

asio::awaitable<const answers::endpoints_answer*> answers::endpoints(const std::string& base,
                                                                     const std::string& model_id,
                                                                     const std::string& api_key)
{
    const std::string id = base + "|" + model_id;
    const openrouter::model_ref ref = ref_of(model_id).value_or(openrouter::model_ref{});
    const std::string_view b = base, k = api_key;
    co_return co_await endpoints_.get(id, &openrouter::list_endpoints, std::ref(http_), b, std::cref(ref), k);
}

asio::awaitable<const answers::providers_answer*> answers::providers(const std::string& base)
{
    const std::string_view b = base;
    co_return co_await providers_.get(base, &openrouter::list_providers, std::ref(http_), b);
}

asio::awaitable<const answers::status_answer*> answers::status_page(const std::string& page_url)
{
    const std::string_view url = page_url;
    if (const auto target = openrouter::known_redirect(page_url)) {
        const std::string_view to = *target;
        co_return co_await status_pages_.get(page_url, &openrouter::statuspage_status_via, std::ref(http_), url, to);
    }
    co_return co_await status_pages_.get(page_url, &openrouter::statuspage_status, std::ref(http_), url);
}

asio::awaitable<const answers::probe_answer*> answers::probe(const std::string& base, const std::string& api_key,
                                                             const std::string& model, openrouter::inference_api api)
{
    const std::string id = probe_id(base, api_key, model, api);
    const std::string_view b = base, k = api_key, m = model;
    co_return co_await probes_.get(id, &openrouter::inference_probe, std::ref(http_), b, k, m, api);
}

void answers::preset_key(const std::string& base, const std::string& api_key, key_answer a)
{
    keys_.put(with_key(base, api_key), std::move(a));
}

void answers::preset_credits(const std::string& base, const std::string& api_key, credits_answer a)
{
    credits_.put(with_key(base, api_key), std::move(a));
}

void answers::preset_models(const std::string& base, const std::string& api_key, models_answer a)
{
    models_.put(with_key(base, catalog_key(base, api_key)), std::move(a));
}

void answers::preset_user_models(const std::string& base, const std::string& api_key, models_answer a)
{
    user_models_.put(with_key(base, api_key), std::move(a));
}

void answers::preset_model(const std::string& base, const std::string& id, model_answer a)
{
    model_.put(base + "|" + id, std::move(a));
}

void answers::preset_endpoints(const std::string& base, const std::string& id, endpoints_answer a)
{
    endpoints_.put(base + "|" + id, std::move(a));
}

void answers::preset_providers(const std::string& base, providers_answer a)
{
    providers_.put(base, std::move(a));
}

asio::awaitable<const answers::summary_answer*> answers::status_summary(const std::string& page_url)
{
    const std::string_view url = page_url;
    co_return co_await status_summaries_.get(page_url, &openrouter::statuspage_summary, std::ref(http_), url);
}

void answers::preset_status_summary(const std::string& page_url, summary_answer a)
{
    status_summaries_.put(page_url, std::move(a));
}

void answers::preset_status_page(const std::string& page_url, status_answer a)
{
    status_pages_.put(page_url, std::move(a));
}

void answers::preset_probe(const std::string& base, const std::string& api_key, const std::string& model,
                           openrouter::inference_api api, probe_answer a)
{
    probes_.put(probe_id(base, api_key, model, api), std::move(a));
}

std::size_t answers::fetched() const
{
    return keys_.size() + credits_.size() + models_.size() + user_models_.size() + model_.size() +
           endpoints_.size() + providers_.size() + status_pages_.size() + status_summaries_.size() + probes_.size();
}

}  // namespace ngd::doctor
