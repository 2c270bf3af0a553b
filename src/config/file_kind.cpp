#include "config/file_kind.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace ngd::config {

std::optional<std::string> not_a_readable_file(const std::string& path)
{
    if (path.empty()) return "is an empty path";
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) return std::nullopt;
        if (errno == ELOOP) return "is a symlink loop";
        return std::string("cannot be examined: ") + std::strerror(errno);
    }
    if (S_ISREG(st.st_mode)) return std::nullopt;
    if (S_ISDIR(st.st_mode)) return "is a folder, not a file";
    if (S_ISFIFO(st.st_mode)) return "is a named pipe (FIFO), not a file";
    if (S_ISSOCK(st.st_mode)) return "is a socket, not a file";
    return "is a device, not a file";
}

bool is_symlink_loop(const std::string& path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) != 0 && errno == ELOOP;
}

}  // namespace ngd::config
