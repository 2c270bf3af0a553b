#include "report/status_line.hpp"

#include <algorithm>
#include <ostream>

namespace ngd::report {
namespace {

constexpr auto names_hosts_after = std::chrono::seconds(5);
constexpr std::size_t max_width = 100;

std::string host_of(std::string_view url)
{
    const auto scheme = url.find("://");
    if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
    url = url.substr(0, url.find_first_of("/?#"));
    if (const auto at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
    return std::string(url);
}

}  // namespace

status_line::status_line(std::ostream& out, std::vector<target_view> targets, bool color)
    : out_(out), targets_(std::move(targets)), color_(color) {}

std::string status_line::text(const doctor::run_progress& progress) const
{
    std::string line = "running " + std::to_string(progress.total - progress.done) + " of " +
                       std::to_string(progress.total) + " checks";
    if (progress.elapsed >= names_hosts_after) {
        std::vector<std::string> hosts;
        for (const auto& label : progress.pending)
            for (const auto& t : targets_)
                if (label.ends_with("(" + t.name + ")") && !t.base_url.empty()) {
                    auto host = host_of(t.base_url);
                    if (std::find(hosts.begin(), hosts.end(), host) == hosts.end()) hosts.push_back(host);
                }
        if (!hosts.empty()) {
            line += ", waiting on";
            for (const auto& h : hosts) line += " " + h;
        }
    } else if (!progress.pending.empty()) {
        line += ": " + progress.pending.front();
        if (progress.pending.size() > 1) line += ", ...";
    }
    if (line.size() > max_width) line = line.substr(0, max_width - 3) + "...";
    return line;
}

void status_line::update(const doctor::run_progress& progress)
{
    out_ << "\r\033[K";
    if (color_) out_ << "\033[2m";
    out_ << text(progress);
    if (color_) out_ << "\033[0m";
    out_.flush();
    drawn_ = true;
}

void status_line::clear()
{
    if (!drawn_) return;
    out_ << "\r\033[K";
    out_.flush();
    drawn_ = false;
}

}  // namespace ngd::report
