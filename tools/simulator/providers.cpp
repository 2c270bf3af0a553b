#include "simulator/providers.hpp"

#include <array>

namespace ngd::sim {
namespace {

// Only hosts the simulator serves appear as status pages, so following one never
// leaves the loopback world.
constexpr std::array<provider_info, 32> providers{{
    {"OpenAI", "openai", "https://status.openai.com", "https://openai.com/policies/privacy-policy/", "US"},
    {"Anthropic", "anthropic", "https://status.anthropic.com", "https://www.anthropic.com/legal/privacy", "US"},
    {"Azure", "azure", "", "https://www.microsoft.com/en-us/privacy/privacystatement", "US"},
    {"Amazon Bedrock", "amazon-bedrock", "", "https://aws.amazon.com/privacy/", "US"},
    {"Google", "google-vertex", "", "https://cloud.google.com/terms/cloud-privacy-notice", "US"},
    {"Google AI Studio", "google-ai-studio", "", "https://policies.google.com/privacy", "US"},
    {"DeepInfra", "deepinfra", "", "https://deepinfra.com/privacy", "US"},
    {"Together", "together", "", "https://www.together.ai/privacy", "US"},
    {"Fireworks", "fireworks", "", "https://fireworks.ai/privacy-policy", "US"},
    {"Groq", "groq", "", "https://groq.com/privacy-policy/", "US"},
    {"Novita", "novita", "", "https://novita.ai/legal/privacy-policy", "US"},
    {"Chutes", "chutes", "", "https://chutes.ai/privacy", "US"},
    {"Mistral", "mistral", "", "https://mistral.ai/terms/#privacy-policy", "FR"},
    {"xAI", "xai", "", "https://x.ai/legal/privacy-policy", "US"},
    {"DeepSeek", "deepseek", "", "https://chat.deepseek.com/downloads/DeepSeek%20Privacy%20Policy.html", "CN"},
    {"Cohere", "cohere", "", "https://cohere.com/privacy", "CA"},
    {"Perplexity", "perplexity", "", "https://www.perplexity.ai/hub/legal/privacy-policy", "US"},
    {"Nebius", "nebius", "", "https://docs.nebius.com/legal/privacy", "NL"},
    {"Parasail", "parasail", "", "https://www.parasail.io/legal/privacy-policy", "US"},
    {"Cerebras", "cerebras", "", "https://www.cerebras.ai/privacy-policy", "US"},
    {"SambaNova", "sambanova", "", "https://sambanova.ai/privacy-policy", "US"},
    {"Hyperbolic", "hyperbolic", "", "https://hyperbolic.xyz/privacy", "US"},
    {"Moonshot AI", "moonshotai", "", "https://platform.moonshot.ai/docs/agreement/userprivacy", "CN"},
    {"Z.AI", "z-ai", "", "https://docs.z.ai/legal-agreement/privacy-policy", "CN"},
    {"Minimax", "minimax", "", "https://www.minimax.io/platform/protocol/privacy-policy", "SG"},
    {"AI21", "ai21", "", "https://www.ai21.com/privacy-policy/", "IL"},
    {"Inception", "inception", "", "https://www.inceptionlabs.ai/privacy-policy", "US"},
    {"Liquid", "liquid", "", "https://www.liquid.ai/privacy-policy", "US"},
    {"Baidu", "baidu", "", "https://privacy.baidu.com/policy", "CN"},
    {"Alibaba", "alibaba", "", "https://www.alibabacloud.com/help/en/legal/latest/alibaba-cloud-international-website-privacy-policy", "CN"},
    {"Nvidia", "nvidia", "", "https://www.nvidia.com/en-us/about-nvidia/privacy-policy/", "US"},
    {"Lambda", "lambda", "", "https://lambda.ai/legal/privacy-policy", "US"},
}};

}  // namespace

std::span<const provider_info> known_providers() { return providers; }

const provider_info* provider_by_slug(std::string_view slug)
{
    for (const auto& provider : providers)
        if (provider.slug == slug) return &provider;
    return nullptr;
}

boost::json::array default_providers_json()
{
    boost::json::array list;
    for (const auto& provider : providers) {
        boost::json::object entry;
        entry["name"] = provider.name;
        entry["slug"] = provider.slug;
        entry["privacy_policy_url"] = provider.privacy_policy_url;
        entry["terms_of_service_url"] = nullptr;
        entry["status_page_url"] = provider.status_page.empty() ? boost::json::value(nullptr)
                                                                : boost::json::value(provider.status_page);
        entry["headquarters"] = provider.headquarters;
        entry["datacenters"] = boost::json::array{provider.headquarters};
        list.push_back(std::move(entry));
    }
    return list;
}

}  // namespace ngd::sim
