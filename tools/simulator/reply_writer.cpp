#include "simulator/reply_writer.hpp"

namespace ngd::sim {

std::string response_head(const reply& r, std::size_t content_length)
{
    namespace http = boost::beast::http;
    std::string head = "HTTP/1.1 " + std::to_string(r.status) + " " +
                       std::string(http::obsolete_reason(http::int_to_status(unsigned(r.status)))) + "\r\n";
    head += "Server: ngdoctor-sim\r\nContent-Type: " + r.content_type + "\r\n";
    for (const auto& [name, value] : r.headers) head += name + ": " + value + "\r\n";
    head += "Content-Length: " + std::to_string(content_length) + "\r\nConnection: close\r\n\r\n";
    return head;
}

}  // namespace ngd::sim
