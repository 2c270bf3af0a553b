#include "checks/catalog_facts.hpp"

#include "checks/time_text.hpp"
#include "doctor/did_you_mean.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ngd::checks {
namespace {

std::string_view without_variant(std::string_view id)
{
    const auto colon = id.rfind(':');
    return colon == std::string_view::npos ? id : id.substr(0, colon);
}

std::string_view name_part(std::string_view id)
{
    const auto slash = id.find('/');
    return slash == std::string_view::npos ? id : id.substr(slash + 1);
}

std::string_view author_of(std::string_view id)
{
    const auto slash = id.find('/');
    return slash == std::string_view::npos ? std::string_view() : id.substr(0, slash);
}

std::string thousands(std::int64_t n)
{
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string per_million(double usd_per_token)
{
    char text[32];
    std::snprintf(text, sizeof text, "$%.2f", usd_per_token * 1e6);
    return text;
}

}  // namespace

const openrouter::model* find_model(const openrouter::model_list& catalog, std::string_view id)
{
    if (const auto* m = catalog.find(id)) return m;
    if (id.ends_with(":free")) return nullptr;
    return catalog.find(without_variant(id));
}

std::vector<std::string> near_ids(const openrouter::model_list& catalog, std::string_view id, std::size_t n)
{
    std::vector<std::string> ids;
    ids.reserve(catalog.data.size());
    for (const auto& m : catalog.data) ids.push_back(m.id);
    if (id.find('/') == std::string_view::npos) {
        std::vector<std::string> exact;
        for (const auto& candidate : ids)
            if (name_part(candidate) == id) exact.push_back(candidate);
        if (!exact.empty()) {
            if (exact.size() > n) exact.resize(n);
            return exact;
        }
        std::vector<std::string> names;
        for (const auto& candidate : ids) names.emplace_back(name_part(candidate));
        std::vector<std::string> out;
        for (const auto& near : doctor::closest(id, names, n))
            for (const auto& candidate : ids)
                if (name_part(candidate) == near && out.size() < n &&
                    std::find(out.begin(), out.end(), candidate) == out.end())
                    out.push_back(candidate);
        return out;
    }
    return doctor::closest(id, ids, n);
}

std::optional<std::chrono::system_clock::time_point> expires(const openrouter::model& m)
{
    if (!m.expiration_date) return std::nullopt;
    return parse_iso8601(*m.expiration_date);
}

std::vector<const openrouter::model*> similar_models(const openrouter::model_list& catalog,
                                                     const openrouter::model& m,
                                                     std::chrono::system_clock::time_point now, std::size_t n)
{
    struct scored {
        const openrouter::model* model;
        bool same_author;
        double price_distance;
    };
    const double price = m.pricing.prompt_usd + m.pricing.completion_usd;
    const auto context = m.context_length.value_or(0);
    std::vector<scored> candidates;
    for (const auto& c : catalog.data) {
        if (without_variant(c.id) == without_variant(m.id) || c.pricing.is_variable()) continue;
        if (const auto when = expires(c); when && *when <= now) continue;
        if (c.context_length.value_or(0) * 2 < context) continue;
        const double p = c.pricing.prompt_usd + c.pricing.completion_usd;
        if (price == 0 ? p != 0 : (p > price * 2 || p < price / 2)) continue;
        const double distance = price == 0 ? 0 : std::fabs(std::log(p / price));
        candidates.push_back({&c, author_of(c.id) == author_of(m.id), distance});
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const scored& a, const scored& b) {
        if (a.same_author != b.same_author) return a.same_author;
        return a.price_distance < b.price_distance;
    });
    std::vector<const openrouter::model*> out;
    for (const auto& c : candidates) {
        if (out.size() == n) break;
        out.push_back(c.model);
    }
    return out;
}

std::string model_facts(const openrouter::model& m)
{
    std::string text;
    if (m.context_length) text = thousands(*m.context_length) + "-token context";
    if (!m.pricing.listed) return text.empty() ? "no details listed" : text;
    if (!text.empty()) text += ", ";
    if (m.pricing.is_free())
        text += "free";
    else if (m.pricing.is_variable())
        text += "price depends on the routed model";
    else
        text += per_million(m.pricing.prompt_usd) + " / " + per_million(m.pricing.completion_usd) +
                " per million tokens (prompt / completion)";
    return text;
}

}  // namespace ngd::checks
