#include "openrouter/known_status_pages.hpp"

namespace ngd::openrouter {

const std::vector<known_status_page>& known_status_pages()
{
    // The facts of openrouter-api.md §7: Anthropic's page moved to status.claude.com and
    // status.anthropic.com answers 302 there; OpenAI's page (incident.io) answers itself.
    // The providers OpenRouter routes these authors to without a page of their own (Azure,
    // Amazon Bedrock, Google Vertex) add nothing here.
    static const std::vector<known_status_page> table = {
        {"anthropic", "https://status.anthropic.com", "https://status.claude.com", {"anthropic"}},
        {"openai", "https://status.openai.com", "", {"openai"}},
    };
    return table;
}

std::vector<std::string> likely_status_pages(std::string_view author)
{
    std::vector<std::string> pages;
    for (const auto& known : known_status_pages())
        for (const auto a : known.authors)
            if (a == author) pages.emplace_back(known.page);
    return pages;
}

std::optional<std::string> known_redirect(std::string_view page)
{
    while (!page.empty() && page.back() == '/') page.remove_suffix(1);
    for (const auto& known : known_status_pages())
        if (known.page == page && !known.redirects_to.empty()) return std::string(known.redirects_to);
    return std::nullopt;
}

}  // namespace ngd::openrouter
