#include "doctor/exit_code.hpp"

namespace ngd::doctor {

tally count(const std::vector<finding>& findings)
{
    tally t;
    for (const auto& f : findings) {
        switch (f.state) {
        case status::ok: ++t.ok; break;
        case status::warn: ++t.warn; break;
        case status::fail: ++t.fail; break;
        case status::skip: ++t.skip; break;
        case status::crash: ++t.crash; break;
        }
    }
    return t;
}

int exit_code_for(const std::vector<finding>& findings, bool strict)
{
    const tally t = count(findings);
    if (t.crash > 0) return exit_crashed;
    if (t.fail > 0 || (strict && t.warn > 0)) return exit_failed;
    return exit_ok;
}

}  // namespace ngd::doctor
