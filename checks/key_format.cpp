// key.format: the API key as written, before anything is sent. OpenRouter keys are
// `sk-or-v1-` + 64 lower-case hex (73 characters); most broken runs start with a key
// that is a placeholder, another provider's key, or carries stray characters.
#include "checks/checks.hpp"
#include "checks/common.hpp"
#include "doctor/run_context.hpp"
#include "openrouter/key_mask.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace ngd::checks {
namespace {

using net::error_class;

constexpr std::string_view openrouter_prefix = "sk-or-";
constexpr std::string_view current_prefix = "sk-or-v1-";
constexpr std::size_t hex_length = 64;

struct foreign_key {
    std::string_view prefix;
    std::string_view provider;
};

// Longest prefixes first: `sk-proj-` and `sk-ant-` before OpenAI's legacy `sk-`.
constexpr std::array<foreign_key, 10> foreign_keys{{
    {"sk-proj-", "an OpenAI project key"},
    {"sk-svcacct-", "an OpenAI service-account key"},
    {"sk-ant-", "an Anthropic key"},
    {"gsk_", "a Groq key"},
    {"xai-", "an xAI key"},
    {"AIza", "a Google AI key"},
    {"hf_", "a Hugging Face token"},
    {"nvapi-", "an NVIDIA API key"},
    {"r8_", "a Replicate token"},
    {"sk-", "an OpenAI-style key (OpenAI, DeepSeek, ...)"},
}};

const foreign_key* recognise(std::string_view key)
{
    for (const auto& k : foreign_keys)
        if (key.starts_with(k.prefix)) return &k;
    return nullptr;
}

/// A template value left in place. `strict` adds words that cannot occur in an OpenRouter
/// key (hex) but might by chance in another provider's random key.
bool is_placeholder(std::string_view key, bool strict)
{
    std::string lower(key);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const std::string_view marker : {"your", "xxxx", "<", "...", "changeme", "placeholder"})
        if (lower.find(marker) != std::string::npos) return true;
    if (strict)
        for (const std::string_view marker : {"replace", "example", "dummy", "insert", "todo"})
            if (lower.find(marker) != std::string::npos) return true;
    return lower == "sk-or-" || lower == "sk-or-v1-" || lower == "none" || lower == "null" || lower == "???";
}

std::string describe_whitespace(std::string_view key)
{
    const auto at = std::find_if(key.begin(), key.end(), [](unsigned char c) { return std::isspace(c); });
    const std::size_t pos = static_cast<std::size_t>(at - key.begin());
    const char c = *at;
    const std::string what = c == '\n' ? "a newline" : c == '\r' ? "a carriage return (CRLF line ending)"
                           : c == '\t' ? "a tab" : "a space";
    const std::string where = pos == 0 ? "at the start" : pos + 1 == key.size() ? "at the end"
                            : "at character " + std::to_string(pos + 1);
    return what + " " + where;
}

bool is_lower_hex(std::string_view text)
{
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

doctor::fix new_key_fix(const doctor::target& t)
{
    return {"copy the key again from https://openrouter.ai/keys and set it as " + place(t.api_key) +
                "; paste the key alone: no quotes, no 'Bearer ', no spaces",
            {}};
}

/// Rules that hold for every provider's key.
std::optional<finding> universal_problem(const doctor::target& t, std::string_view key)
{
    const std::string where = place(t.api_key);
    if (key.size() >= 7 && std::equal(key.begin(), key.begin() + 7, "bearer ",
                                      [](char a, char b) { return std::tolower(a) == b; }))
        return doctor::fail("the key starts with 'Bearer ': the client adds that itself, so the server "
                            "receives 'Bearer Bearer ...'",
                            error_class::config, {"remove 'Bearer ' from " + where, {}});
    if (std::any_of(key.begin(), key.end(), [](unsigned char c) { return std::isspace(c); }))
        return doctor::fail("the key contains " + describe_whitespace(key) +
                                ": the server compares it byte for byte",
                            error_class::config,
                            {"remove the stray whitespace from " + where +
                                 " (a trailing newline often comes from a block scalar '|' or a copied line)",
                             {}});
    if (std::any_of(key.begin(), key.end(), [](unsigned char c) { return c >= 0x80 || c < 0x20; }))
        return doctor::fail("the key contains a non-ASCII or control character (often picked up when copying "
                            "from a formatted page)",
                            error_class::config, {"type or paste the key again as plain text in " + where, {}});
    if (key.find_first_of("\"'`") != std::string_view::npos)
        return doctor::fail("the key contains a quote character: the quotes became part of the value",
                            error_class::config,
                            {"write the key once, unquoted or inside one pair of quotes, in " + where, {}});
    if (is_placeholder(key, means_openrouter(t)))
        return doctor::fail("the key is a placeholder, not a real key", error_class::config,
                            {"create a key at https://openrouter.ai/keys and set it as " + where, {}});
    return std::nullopt;
}

finding check_openrouter_key(const doctor::target& t, std::string_view key)
{
    const std::string masked = openrouter::mask_key(key);
    if (!key.starts_with(openrouter_prefix)) {
        const foreign_key* other = recognise(key);
        const std::string what = other ? "this looks like " + std::string(other->provider) + ", not an OpenRouter key"
                                       : "this is not an OpenRouter key (they start with sk-or-)";
        return doctor::fail(what + " (" + masked + ")", error_class::config, new_key_fix(t));
    }
    if (key.starts_with(current_prefix)) {
        const std::string_view hex = key.substr(current_prefix.size());
        if (hex.size() < hex_length && is_lower_hex(hex))
            return doctor::fail("the key is truncated: " + std::to_string(hex.size()) + " of " +
                                    std::to_string(hex_length) + " hex characters after sk-or-v1- (" + masked + ")",
                                error_class::config, new_key_fix(t));
        if (hex.size() == hex_length && is_lower_hex(hex))
            return doctor::ok("OpenRouter key format looks right (" + masked + ")");
    }
    return doctor::warn("the key starts with sk-or- but is not sk-or-v1- followed by 64 lower-case hex "
                        "characters (" + std::to_string(key.size()) + " characters, " + masked + ")",
                        new_key_fix(t),
                        {"OpenRouter may reject it; key.status asks OpenRouter directly"});
}

finding check_other_provider_key(const doctor::target& t, std::string_view key, const std::string& host)
{
    const std::string masked = openrouter::mask_key(key);
    if (key.starts_with(openrouter_prefix))
        return doctor::warn("an OpenRouter key (" + masked + ") is configured for " + host +
                                ", which is not OpenRouter: that server will not accept it, and the key is "
                                "shown to a third party",
                            {"use that provider's own key in " + place(t.api_key) +
                                 ", or point the base URL at https://openrouter.ai/api/v1",
                             {}});
    const foreign_key* other = recognise(key);
    return doctor::ok(other ? "the key looks like " + std::string(other->provider) + " (" + masked + ")"
                            : "a key is set (" + masked + "); its format is " + host + "'s business");
}

}  // namespace

result key_format(check_context& ctx)
{
    const doctor::target& t = *ctx.tgt;
    const auto& field = t.api_key;
    if (field.unresolved)
        co_return doctor::fail("the key's value does not resolve: " + field.path + " is '" + field.value.value_or("") +
                                   "'",
                               error_class::config,
                               {"define the value it refers to (usually policy_api_key in env.yaml)", {}});
    if (const auto m = find_misnamed(t, field, ctx.run.config.unresolved_root))
        co_return doctor::fail("no API key is set: " + t.adapter + " reads " + m->wanted + ", but the config writes " +
                                   m->written,
                               error_class::config, {rename_text(*m) + "; the value stays where it is", {}});
    if (!field.value || field.value->empty())
        co_return doctor::fail("no API key is set (" + field.path + ")", error_class::config,
                               {"create a key at https://openrouter.ai/keys and add it to env.yaml, e.g. '" +
                                    env_yaml_entry(field.path, "sk-or-v1-...") + "'",
                                {}});
    const std::string_view key = *field.value;
    if (auto problem = universal_problem(t, key)) co_return std::move(*problem);
    if (means_openrouter(t)) co_return check_openrouter_key(t, key);
    co_return check_other_provider_key(t, key, server_text(*t.base_url.value));
}

}  // namespace ngd::checks
