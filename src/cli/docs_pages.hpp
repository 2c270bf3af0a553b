#pragma once
/// The pages of docs/checks/, compiled in (tools/embed-docs generates the definitions).
#include <optional>
#include <string_view>

namespace ngd::cli {

/// The page of check `id`, or nullopt.
std::optional<std::string_view> docs_page(std::string_view id);

}  // namespace ngd::cli
