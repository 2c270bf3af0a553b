#pragma once
/// Lines of a file or a pipe, read through one fixed buffer: a file of any size costs the
/// buffer plus one line, and a line longer than the cap is cut (the rest skipped), so a
/// binary or runaway file cannot take the memory.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ngd::triage {

class line_reader {
public:
    /// Reads `fd` (not closed here). Lines longer than `max_line` bytes are cut there.
    explicit line_reader(int fd, std::size_t max_line = std::size_t(1) << 20);

    /// The next line without its "\n" or "\r\n"; false at the end. A last line without a
    /// newline is still a line. The view lives until the next call.
    bool next(std::string_view& line);

    std::uint64_t number() const { return number_; }  ///< 1-based number of the last line
    bool cut() const { return cut_; }                 ///< the last line was longer than the cap
    bool read_error() const { return error_; }

private:
    bool refill();

    int fd_;
    std::size_t max_line_;
    std::vector<char> buffer_;
    std::size_t begin_ = 0, end_ = 0;
    bool eof_ = false, error_ = false, cut_ = false;
    std::string carry_;  ///< a line that spans buffer refills, at most max_line_ bytes
    std::uint64_t number_ = 0;
};

}  // namespace ngd::triage
