#pragma once
/// The model catalog: each model's /models object, its provider endpoints and how
/// inference on it behaves. Lookups by id, with OpenRouter's routing variants resolved.
#include <boost/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ngd::sim {

/// What a chat completion or response on this model does once the request is accepted.
enum class inference_outcome {
    ok,              ///< 200 with a completion
    provider_error,  ///< 502 "Provider returned error"
    unavailable,     ///< 503 "Service temporarily unavailable" + Retry-After
    capacity,        ///< 429 capacity_exhausted + Retry-After
};

struct model_entry {
    std::string id;
    boost::json::object model;      ///< the object /models lists
    boost::json::array endpoints;   ///< PublicEndpoint objects for /models/{a}/{s}/endpoints
    inference_outcome inference = inference_outcome::ok;
    int retry_after_s = 30;

    /// A `:free` variant, or the `openrouter/free` router, which picks among them and shares
    /// their limits (openrouter-api spec, rate limits).
    bool is_free() const { return id.ends_with(":free") || id == "openrouter/free"; }
    /// The model's context window (0 when unknown).
    std::int64_t context_length() const;
    /// USD per token, read from the model's string prices.
    double prompt_price() const;
    double completion_price() const;

    /// `model` as JSON text, serialized on first use (the catalog is fixed once loaded).
    const std::string& model_text() const;

private:
    mutable std::string model_text_;
};

class catalog {
public:
    /// Adds a model, replacing one with the same id.
    void add(model_entry entry);
    /// Removes a model; false when there was none.
    bool remove(std::string_view id);

    model_entry* find(std::string_view id);
    const model_entry* find(std::string_view id) const;
    /// The exact id, else the id without a routing variant (`:nitro`, `:floor`, `:thinking`,
    /// `:online`, `:extended`, `:exacto`). `:free` is a model of its own, never stripped.
    const model_entry* resolve(std::string_view id) const;

    const std::vector<model_entry>& entries() const { return entries_; }
    std::size_t size() const { return entries_.size(); }

    /// The unfiltered /models body, serialized once (the catalog does not change after loading).
    const std::string& full_listing() const;

private:
    std::vector<model_entry> entries_;
    std::unordered_map<std::string, std::size_t> index_;
    mutable std::string listing_;
};

}  // namespace ngd::sim
