#pragma once
/// Reads a scenario file (JSON, format in docs/simulator.md) into a scenario. Anything
/// the file leaves out gets a sensible default; an empty document is the default world.
#include "simulator/scenario.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace ngd::sim {

struct scenario_result {
    std::optional<scenario> world;
    std::string error;  ///< one line naming the place, when `world` is empty
};

/// The key of the default world, a well-formed fake (OpenRouter's documentation example).
inline constexpr std::string_view default_key =
    "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";

/// Parses scenario JSON text (empty text = the default world).
scenario_result load_scenario(std::string_view text, std::int64_t now_unix);

/// Reads and parses a scenario file.
scenario_result load_scenario_file(const std::filesystem::path& file, std::int64_t now_unix);

/// OpenRouter's masked form of a key: the first 12 characters, "...", the last 3.
std::string masked_label(std::string_view key);

}  // namespace ngd::sim
