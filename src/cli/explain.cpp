// `explain ID`: prints the check's troubleshooting page, compiled into the binary from
// docs/checks/<id>.md so it works wherever the binary is copied.
#include "cli/commands.hpp"
#include "doctor/did_you_mean.hpp"
#include "cli/docs_pages.hpp"
#include "doctor/check.hpp"
#include "doctor/exit_code.hpp"

#include <ostream>

namespace ngd::cli {

int run_explain(const std::vector<std::string>& args, console& io)
{
    if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
        io.out << "Usage: ngdoctor explain ID\nPrints the troubleshooting page of a check (see list-checks).\n";
        return doctor::exit_ok;
    }
    if (args.size() != 1) {
        io.err << "ngdoctor explain: name exactly one check id (see 'ngdoctor list-checks')\n";
        return doctor::exit_usage;
    }
    const std::string& id = args[0];
    if (const auto page = docs_page(id)) {
        io.out << *page;
        return doctor::exit_ok;
    }
    std::vector<std::string> ids;
    for (const auto& c : doctor::check_table()) ids.emplace_back(c.id);
    io.err << "ngdoctor explain: unknown check '" << id << "'" << doctor::did_you_mean(id, ids) << "\n";
    return doctor::exit_usage;
}

}  // namespace ngd::cli
