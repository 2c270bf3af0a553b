#include "simulator/request_log.hpp"

#include "simulator/clock.hpp"

#include <boost/json.hpp>

namespace ngd::sim {

request_log::request_log(const std::filesystem::path& file) : out_(file, std::ios::app) {}

void request_log::write(const log_entry& entry)
{
    const boost::json::object line{{"time", iso_time(std::chrono::system_clock::now())},
                                   {"scheme", entry.tls ? "https" : "http"},
                                   {"host", entry.host},
                                   {"method", entry.method},
                                   {"path", entry.path},
                                   {"auth", entry.auth},
                                   {"status", entry.status}};
    out_ << boost::json::serialize(line) << '\n';
    out_.flush();
}

}  // namespace ngd::sim
