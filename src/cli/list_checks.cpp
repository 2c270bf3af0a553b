// `list-checks [--json]`: the check table, from the table itself.
#include "cli/commands.hpp"
#include "doctor/did_you_mean.hpp"
#include "doctor/check.hpp"
#include "doctor/exit_code.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <ostream>

namespace ngd::cli {

int run_list_checks(const std::vector<std::string>& args, console& io)
{
    bool json = false;
    for (const auto& arg : args) {
        if (arg == "--json") {
            json = true;
        } else if (arg == "--help" || arg == "-h") {
            io.out << "Usage: ngdoctor list-checks [--json]\nThe checks: id, group, title, whether each needs "
                      "the network, and what it waits for.\n";
            return doctor::exit_ok;
        } else {
            io.err << "ngdoctor list-checks: unknown argument '" << arg << "'" << doctor::did_you_mean(arg, {"--json"})
                   << "\n";
            return doctor::exit_usage;
        }
    }
    if (json) {
        boost::json::array rows;
        for (const auto& c : doctor::check_table()) {
            boost::json::array deps;
            for (const auto d : c.depends_on) deps.emplace_back(d);
            rows.push_back({{"id", c.id},
                            {"group", c.group},
                            {"title", c.title},
                            {"network", c.network},
                            {"live_only", c.live_only},
                            {"scope", c.scope == doctor::check_scope::per_target ? "target" : "config"},
                            {"depends_on", std::move(deps)},
                            {"docs", doctor::docs_path(c.id)}});
        }
        io.out << boost::json::serialize(rows) << "\n";
        return doctor::exit_ok;
    }
    std::size_t width = 0;
    for (const auto& c : doctor::check_table()) width = std::max(width, c.id.size());
    for (const auto& c : doctor::check_table()) {
        std::string id(c.id);
        id.resize(width + 2, ' ');
        io.out << id << (c.live_only ? "live    " : c.network ? "network " : "offline ") << c.title << "\n";
    }
    return doctor::exit_ok;
}

}  // namespace ngd::cli
