#pragma once
/// The model catalog: GET /models, /models/user and /model/{author}/{slug}.
#include "openrouter/parse_error.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::openrouter {

/// Prices in USD per token (prompt, completion) or per unit, as OpenRouter sends them:
/// decimal strings. `prompt_usd`/`completion_usd` hold the same values as numbers.
struct prices {
    std::string prompt;
    std::string completion;
    double prompt_usd = 0;
    double completion_usd = 0;
    std::optional<std::string> request, image, web_search, internal_reasoning, input_cache_read,
        input_cache_write;
    std::optional<double> discount;

    /// False when the body had no `pricing` (OpenAI-compatible servers other than OpenRouter).
    bool listed = true;

    /// Both token prices are zero.
    bool is_free() const { return listed && prompt_usd == 0 && completion_usd == 0; }
    /// A negative price marks a router whose price depends on the model it picks.
    bool is_variable() const { return prompt_usd < 0 || completion_usd < 0; }
};

/// What a model takes in and gives out.
struct model_architecture {
    std::optional<std::string> modality;  ///< "text+image->text"
    std::vector<std::string> input_modalities;
    std::vector<std::string> output_modalities;
    std::optional<std::string> tokenizer;
    std::optional<std::string> instruct_type;
};

/// The limits of the provider OpenRouter prefers for the model.
struct top_provider_info {
    std::optional<std::int64_t> context_length;
    std::optional<std::int64_t> max_completion_tokens;
    std::optional<bool> is_moderated;
};

/// One catalog entry.
struct model {
    std::string id;                       ///< "meta-llama/llama-3.3-70b-instruct:free"
    std::string canonical_slug;           ///< permanent slug; empty when not sent
    std::string name;
    std::optional<std::string> hugging_face_id;
    std::optional<std::string> description;
    std::optional<std::int64_t> created;  ///< unix seconds
    std::optional<std::int64_t> context_length;
    std::optional<model_architecture> architecture;
    prices pricing;
    std::optional<top_provider_info> top_provider;
    std::vector<std::string> supported_parameters;
    std::optional<std::string> knowledge_cutoff;  ///< "YYYY-MM-DD"
    std::optional<std::string> expiration_date;   ///< "YYYY-MM-DD": may be removed after it
    std::optional<std::string> details_link;      ///< links.details
};

/// OpenRouter lists some 500 models; a catalog a hundred times larger is refused rather than
/// read (700,000 tiny entries would take most of a gigabyte as models).
inline constexpr std::size_t max_catalog_models = 50'000;

/// The catalog; `total_count` and `next_link` are absent from older bodies ({"data": [...]}).
struct model_list {
    std::vector<model> data;
    std::optional<std::int64_t> total_count;
    std::optional<std::string> next_link;

    /// The model whose id is `id` exactly, or nullptr.
    const model* find(std::string_view id) const;
};

/// Parses a /models or /models/user body.
parse_result<model_list> parse_model_list(std::string_view body);

/// Parses a /model/{author}/{slug} body ({"data": Model}).
parse_result<model> parse_single_model(std::string_view body);

/// A price string as a number: "0.00000015" → 1.5e-7; nullopt when it is not a decimal number.
std::optional<double> parse_price(std::string_view text);

}  // namespace ngd::openrouter
