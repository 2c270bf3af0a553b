#pragma once
/// The seed of the generated catalog: real OpenRouter model families with plausible
/// context windows and prices (USD per million tokens).
#include <array>
#include <span>
#include <string_view>

namespace ngd::sim {

namespace trait {
inline constexpr unsigned vision = 1;      ///< text+image->text
inline constexpr unsigned reasoning = 2;   ///< reasoning parameters
inline constexpr unsigned has_free = 4;    ///< a `:free` variant exists too
inline constexpr unsigned free_only = 8;   ///< only the `:free` variant exists
inline constexpr unsigned retired = 16;    ///< expiration_date in the past
inline constexpr unsigned retiring = 32;   ///< expiration_date within 30 days
inline constexpr unsigned tools = 64;      ///< tools / tool_choice
}  // namespace trait

struct model_spec {
    std::string_view id;    ///< author/slug
    std::string_view name;  ///< without the vendor prefix
    int context;
    double prompt_per_million;
    double completion_per_million;
    unsigned traits;
};

/// What an author's models share.
struct author_info {
    std::string_view author;
    std::string_view vendor;        ///< name prefix: "OpenAI: GPT-4o"
    std::string_view tokenizer;
    std::string_view instruct_type; ///< empty = null
    bool open_weights;              ///< served by the open-model hosts, has a hugging_face_id
    std::array<std::string_view, 3> providers;  ///< own provider slugs, empty = the open-model hosts
};

std::span<const model_spec> model_table();

/// The author's traits; a generic open-weights author for unknown names.
const author_info& author_of(std::string_view author);

}  // namespace ngd::sim
