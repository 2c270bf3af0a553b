#include "report/report.hpp"

namespace ngd::report {

std::string_view version()
{
    return "0.1.0";
}

}  // namespace ngd::report
