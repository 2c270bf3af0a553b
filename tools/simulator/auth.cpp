#include "simulator/auth.hpp"

#include "simulator/json_bodies.hpp"

#include <algorithm>
#include <cctype>

namespace ngd::sim {
namespace {

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

bool starts_with_bearer(std::string_view header)
{
    constexpr std::string_view scheme = "bearer";
    if (header.size() < scheme.size()) return false;
    return std::equal(scheme.begin(), scheme.end(), header.begin(),
                      [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
}

}  // namespace

caller identify(const incoming& request, scenario& world, std::int64_t now_unix)
{
    const auto header = trimmed(request.authorization);
    if (header.empty()) return {caller_kind::anonymous, nullptr, "none"};
    if (!starts_with_bearer(header)) return {caller_kind::unknown, nullptr, "unknown"};
    const auto token = trimmed(header.substr(6));
    if (token.empty()) return {caller_kind::anonymous, nullptr, "none"};
    const auto found = world.keys.find(std::string(token));
    if (found == world.keys.end()) return {caller_kind::unknown, nullptr, "unknown"};
    auto& key = found->second;
    return {key.rejected(now_unix) ? caller_kind::rejected : caller_kind::valid, &key, key.name};
}

reply unauthorized(const caller& who, const scenario& world)
{
    const bool no_key = who.kind == caller_kind::anonymous;
    // Without a key OpenRouter has said "No auth credentials found", lately "No cookie auth
    // credentials found"; the OpenAPI example says "Missing Authentication header"
    // (openrouter-api.md §2.3). The scenario picks one.
    std::string missing = "No auth credentials found";
    if (world.missing_auth_wording == "cookie") missing = "No cookie auth credentials found";
    if (world.missing_auth_wording == "spec") missing = "Missing Authentication header";
    return json_reply(401, boost::json::serialize(error_envelope(401, no_key ? missing : "User not found.")));
}

}  // namespace ngd::sim
