#include "triage/line_reader.hpp"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace ngd::triage {

namespace {
constexpr std::size_t buffer_size = std::size_t(1) << 20;

std::string_view without_cr(std::string_view line)
{
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}
}  // namespace

line_reader::line_reader(int fd, std::size_t max_line) : fd_(fd), max_line_(max_line), buffer_(buffer_size) {}

bool line_reader::refill()
{
    begin_ = end_ = 0;
    while (!eof_) {
        const ssize_t n = ::read(fd_, buffer_.data(), buffer_.size());
        if (n > 0) {
            end_ = static_cast<std::size_t>(n);
            return true;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) error_ = true;
        eof_ = true;
    }
    return false;
}

bool line_reader::next(std::string_view& line)
{
    carry_.clear();
    cut_ = false;
    bool spanning = false;
    for (;;) {
        if (begin_ < end_) {
            const char* start = buffer_.data() + begin_;
            const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
            const std::size_t length = newline ? static_cast<std::size_t>(newline - start) : end_ - begin_;
            if (newline && !spanning) {
                begin_ += length + 1;
                ++number_;
                if (length > max_line_) {
                    cut_ = true;
                    line = std::string_view(start, max_line_);
                } else {
                    line = without_cr(std::string_view(start, length));
                }
                return true;
            }
            // Keep what fits under the cap; the rest of a runaway line is skipped.
            const std::size_t room = max_line_ > carry_.size() ? max_line_ - carry_.size() : 0;
            if (length > room) cut_ = true;
            carry_.append(start, std::min(length, room));
            spanning = true;
            if (newline) {
                begin_ += length + 1;
                ++number_;
                line = cut_ ? std::string_view(carry_) : without_cr(carry_);
                return true;
            }
            begin_ = end_;
        }
        if (!refill()) {
            if (!spanning) return false;
            ++number_;  // a last line without a newline (a log cut off mid-write)
            line = cut_ ? std::string_view(carry_) : without_cr(carry_);
            return true;
        }
    }
}

}  // namespace ngd::triage
