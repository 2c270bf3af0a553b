#include "simulator/catalog.hpp"

#include "simulator/json_bodies.hpp"

#include <array>
#include <cstdlib>

namespace ngd::sim {
namespace {

namespace json = boost::json;

double price_of(const json::object& model, std::string_view which)
{
    const auto* pricing = model.if_contains("pricing");
    if (!pricing || !pricing->is_object()) return 0;
    const auto* price = pricing->as_object().if_contains(which);
    if (!price || !price->is_string()) return 0;
    const double value = std::strtod(price->as_string().c_str(), nullptr);
    return value > 0 ? value : 0;  // "-1" marks a router's variable price
}

}  // namespace

std::int64_t model_entry::context_length() const
{
    const auto* value = model.if_contains("context_length");
    if (value && value->is_int64()) return value->as_int64();
    if (value && value->is_uint64()) return static_cast<std::int64_t>(value->as_uint64());
    return 0;
}

const std::string& model_entry::model_text() const
{
    if (model_text_.empty()) model_text_ = json::serialize(model);
    return model_text_;
}

double model_entry::prompt_price() const { return price_of(model, "prompt"); }
double model_entry::completion_price() const { return price_of(model, "completion"); }

void catalog::add(model_entry entry)
{
    listing_.clear();
    if (const auto found = index_.find(entry.id); found != index_.end()) {
        entries_[found->second] = std::move(entry);
        return;
    }
    index_.emplace(entry.id, entries_.size());
    entries_.push_back(std::move(entry));
}

bool catalog::remove(std::string_view id)
{
    const auto found = index_.find(std::string(id));
    if (found == index_.end()) return false;
    entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(found->second));
    index_.clear();
    for (std::size_t i = 0; i < entries_.size(); ++i) index_.emplace(entries_[i].id, i);
    listing_.clear();
    return true;
}

model_entry* catalog::find(std::string_view id)
{
    const auto found = index_.find(std::string(id));
    return found == index_.end() ? nullptr : &entries_[found->second];
}

const model_entry* catalog::find(std::string_view id) const
{
    const auto found = index_.find(std::string(id));
    return found == index_.end() ? nullptr : &entries_[found->second];
}

const model_entry* catalog::resolve(std::string_view id) const
{
    if (const auto* exact = find(id)) return exact;
    static constexpr std::array<std::string_view, 6> routing_variants{":nitro", ":floor", ":thinking",
                                                                      ":online", ":extended", ":exacto"};
    const auto colon = id.rfind(':');
    if (colon == std::string_view::npos) return nullptr;
    for (const auto variant : routing_variants)
        if (id.substr(colon) == variant) return find(id.substr(0, colon));
    return nullptr;
}

const std::string& catalog::full_listing() const
{
    if (listing_.empty()) {
        std::vector<const model_entry*> all;
        all.reserve(entries_.size());
        for (const auto& entry : entries_) all.push_back(&entry);
        listing_ = model_listing_body(all, all.size(), nullptr);
    }
    return listing_;
}

}  // namespace ngd::sim
