#pragma once
/// Counting causes once per rollout although each failure is printed by every server it
/// passed through (the model server, the agent twice, the collector, a terminal copy):
/// every sighting is counted under its layer (which kind of line, which chain of servers),
/// and a cause costs as many rollouts as its busiest layer saw.
#include "report/triage_report.hpp"
#include "triage/cause_table.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::triage {

struct place {
    std::string_view file;
    std::uint64_t line = 0;
};

class tally {
public:
    /// One sighting of `c` on `server` in `layer`; `raw` is the evidence shown when it is
    /// the first. With `as_total`, `amount` is a running total printed by the line (ClientOSError's
    /// "Hit N global"), so the layer keeps the largest.
    void add(const cause& c, std::string_view server, std::string_view layer, const place& where, std::string_view raw,
             std::int64_t amount = 1, bool as_total = false);

    bool empty() const { return entries_.empty(); }

    /// The causes as findings, by count, most first.
    std::vector<report::triage_cause> results() const;

private:
    struct entry {
        cause what;
        std::string server;
        std::string first_seen;
        std::string last_file;       ///< where it was seen last: a storm's end, or where the log stops
        std::uint64_t last_line = 0;
        std::string evidence;
        std::map<std::string, std::int64_t, std::less<>> layers;
        std::size_t order = 0;
    };
    std::map<std::string, entry, std::less<>> entries_;
    std::string id_buffer_;
};

}  // namespace ngd::triage
