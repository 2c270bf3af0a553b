#include "triage/tally.hpp"

#include "triage/redact.hpp"

#include <algorithm>

namespace ngd::triage {

namespace {
constexpr std::size_t evidence_bytes = 600;  // the JSON keeps this much; text cuts to the terminal
}

void tally::add(const cause& c, std::string_view server, std::string_view layer, const place& where,
                std::string_view raw, std::int64_t amount, bool as_total)
{
    // The same few causes are added for millions of lines: the id is built in a buffer kept
    // between calls, so a sighting of a known cause allocates nothing.
    std::string& id = id_buffer_;
    id.assign(c.key);
    if (!server.empty()) id.append("@").append(server);
    auto it = entries_.find(id);
    if (it == entries_.end()) {
        entry e;
        e.what = c;
        e.server = std::string(server);
        e.first_seen = std::string(where.file) + ":" + std::to_string(where.line);
        e.evidence = redact(raw.substr(0, evidence_bytes));
        e.order = entries_.size();
        it = entries_.emplace(id, std::move(e)).first;
    }
    // Kept without formatting: this runs for every line of a retry storm.
    if (it->second.last_file != where.file) it->second.last_file.assign(where.file);
    it->second.last_line = where.line;
    auto layer_it = it->second.layers.find(layer);
    if (layer_it == it->second.layers.end()) layer_it = it->second.layers.emplace(std::string(layer), 0).first;
    layer_it->second = as_total ? std::max(layer_it->second, amount) : layer_it->second + amount;
}

std::vector<report::triage_cause> tally::results() const
{
    std::vector<std::pair<std::size_t, report::triage_cause>> ordered;
    for (const auto& [id, e] : entries_) {
        report::triage_cause out;
        for (const auto& [layer, n] : e.layers) out.count = std::max(out.count, n);
        out.first_seen = e.first_seen;
        out.evidence = e.evidence;
        doctor::finding& f = out.finding;
        f.check_id = e.what.check_id;
        f.state = e.what.state;
        f.target = e.server;
        f.summary = (e.server.empty() ? std::string() : e.server + ": ") + e.what.summary;
        f.details = e.what.details;
        const std::string last_seen = e.last_file + ":" + std::to_string(e.last_line);
        if (out.count > 1 && last_seen != e.first_seen) f.details.push_back("last seen: " + last_seen);
        f.remedy = e.what.remedy;
        f.docs = "docs/checks/" + e.what.check_id + ".md";
        ordered.emplace_back(e.order, std::move(out));
    }
    // Most rollouts first; among equals, failures before warnings, then first seen first.
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
        if (a.second.count != b.second.count) return a.second.count > b.second.count;
        const bool a_fail = a.second.finding.state == doctor::status::fail;
        const bool b_fail = b.second.finding.state == doctor::status::fail;
        if (a_fail != b_fail) return a_fail;
        return a.first < b.first;
    });
    std::vector<report::triage_cause> out;
    for (auto& [order, c] : ordered) out.push_back(std::move(c));
    return out;
}

}  // namespace ngd::triage
