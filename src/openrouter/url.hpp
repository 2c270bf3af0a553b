#pragma once
/// Building request URLs from a configured base URL and a model id.
#include <optional>
#include <string>
#include <string_view>

namespace ngd::openrouter {

/// `base` + "/" + `path` with exactly one slash between them, whatever slashes either
/// side carries ("https://openrouter.ai/api/v1/" + "/key" gives ".../api/v1/key").
std::string join_url(std::string_view base, std::string_view path);

/// A host OpenRouter's API answers on: openrouter.ai, or a regional host for in-region
/// routing, eu.openrouter.ai and us.openrouter.ai (docs: guides/features/in-region-routing).
bool is_openrouter_api_host(std::string_view host);

/// A model id split for the `/model/{author}/{slug}` style routes.
struct model_ref {
    std::string author;  ///< "meta-llama"
    std::string slug;    ///< "llama-3.3-70b-instruct:free" (a `:variant` suffix is kept)
};

/// Splits "author/slug" at the first slash; nullopt when either side is empty.
std::optional<model_ref> split_model_id(std::string_view model_id);

/// Percent-encodes what may not stand in a URL path segment (keeps `:` `~` `@` and the
/// other characters RFC 3986 allows there; a '/' inside `segment` is encoded).
std::string encode_path_segment(std::string_view segment);

/// "author/slug" encoded segment by segment, for use after "model/" or "models/".
std::string model_path(const model_ref& model);

}  // namespace ngd::openrouter
