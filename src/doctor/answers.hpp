#pragma once
/// The network answers of a run, each fetched once and shared: the first check that asks
/// starts the request, later ones wait for the same answer. One /key call feeds
/// key.status, credits and rate_limits; one /models call feeds every target on that host.
#include "openrouter/api.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <exception>
#include <map>
#include <memory>
#include <string>

namespace ngd::doctor {

/// Memoises one kind of answer by a string key (URL plus, where it matters, the key's hash).
template <class T>
class fetched_once {
public:
    /// The answer for `id`, fetched by `fetch(args...)` the first time it is asked for. The
    /// pointer stays valid for the life of this object. `args` must outlive the call.
    template <class... Params, class... Args>
    boost::asio::awaitable<const T*> get(const std::string& id, boost::asio::awaitable<T> (*fetch)(Params...),
                                         Args... args);

    /// Records an answer as if fetched: the seam through which unit tests feed recorded answers.
    void put(const std::string& id, T value);

    /// How many distinct answers were fetched (a test seam for "fetched once").
    std::size_t size() const { return slots_.size(); }

private:
    struct slot {
        std::optional<T> value;
        std::exception_ptr failure;  ///< what the fetch threw, rethrown to every asker
        std::unique_ptr<boost::asio::steady_timer> ready;  ///< cancelled when value is set
    };
    std::map<std::string, std::shared_ptr<slot>> slots_;
};

class answers {
public:
    using key_answer = openrouter::api_result<openrouter::key_info>;
    using models_answer = openrouter::api_result<openrouter::model_list>;
    using model_answer = openrouter::api_result<openrouter::model>;
    using endpoints_answer = openrouter::api_result<openrouter::endpoint_list>;
    using providers_answer = openrouter::api_result<openrouter::provider_list>;
    using credits_answer = openrouter::api_result<openrouter::credits>;
    using status_answer = openrouter::api_result<openrouter::status_page_state>;
    using summary_answer = openrouter::api_result<openrouter::status_page_summary>;
    using probe_answer = openrouter::api_result<openrouter::chat_completion>;

    explicit answers(net::client& http) : http_(http) {}

    boost::asio::awaitable<const key_answer*> key(const std::string& base, const std::string& api_key);
    boost::asio::awaitable<const credits_answer*> credits(const std::string& base, const std::string& api_key);
    /// The public catalog: OpenRouter's needs no key; other servers get it (their /models wants one).
    boost::asio::awaitable<const models_answer*> models(const std::string& base, const std::string& api_key);
    boost::asio::awaitable<const models_answer*> user_models(const std::string& base, const std::string& api_key);
    boost::asio::awaitable<const model_answer*> model(const std::string& base, const std::string& id);
    /// Sent with `api_key` when one is given: only an authenticated answer carries the
    /// endpoints' throughput. One answer per model whoever asks first.
    boost::asio::awaitable<const endpoints_answer*> endpoints(const std::string& base, const std::string& id,
                                                              const std::string& api_key = {});
    boost::asio::awaitable<const providers_answer*> providers(const std::string& base);
    /// A provider's Statuspage status.json; never sent a key.
    boost::asio::awaitable<const status_answer*> status_page(const std::string& page_url);
    /// The same page's summary.json (components and incidents), asked when the page reports
    /// trouble; never sent a key.
    boost::asio::awaitable<const summary_answer*> status_summary(const std::string& page_url);

    /// The --live inference probe, sent once per (host, key, model, API) and shared, so that
    /// inference.probe and credits judge the same answer.
    boost::asio::awaitable<const probe_answer*> probe(const std::string& base, const std::string& api_key,
                                                      const std::string& model, openrouter::inference_api api);

    /// Distinct requests made so far, all kinds together.
    std::size_t fetched() const;

    /// Recorded answers for unit tests, under the same keys the getters use.
    void preset_key(const std::string& base, const std::string& api_key, key_answer a);
    void preset_credits(const std::string& base, const std::string& api_key, credits_answer a);
    void preset_models(const std::string& base, const std::string& api_key, models_answer a);
    void preset_user_models(const std::string& base, const std::string& api_key, models_answer a);
    void preset_model(const std::string& base, const std::string& id, model_answer a);
    void preset_endpoints(const std::string& base, const std::string& id, endpoints_answer a);
    void preset_providers(const std::string& base, providers_answer a);
    void preset_status_page(const std::string& page_url, status_answer a);
    void preset_status_summary(const std::string& page_url, summary_answer a);
    void preset_probe(const std::string& base, const std::string& api_key, const std::string& model,
                      openrouter::inference_api api, probe_answer a);

private:
    net::client& http_;
    openrouter::catalog_reads catalogs_;  ///< before the answers that were parsed with it
    fetched_once<key_answer> keys_;
    fetched_once<credits_answer> credits_;
    fetched_once<models_answer> models_, user_models_;
    fetched_once<model_answer> model_;
    fetched_once<endpoints_answer> endpoints_;
    fetched_once<providers_answer> providers_;
    fetched_once<status_answer> status_pages_;
    fetched_once<summary_answer> status_summaries_;
    fetched_once<probe_answer> probes_;
};

}  // namespace ngd::doctor
