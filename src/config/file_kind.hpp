#pragma once
/// What a path names, for the files config resolution reads: only a regular file (or a
/// symlink to one) is read. A folder, a FIFO or a device would block, never end (/dev/zero)
/// or read as an empty file; a symlink loop is no file at all.
#include <optional>
#include <string>

namespace ngd::config {

/// Why `path` cannot be read as a config file ("is a folder", "is a symlink loop", ...), or
/// nullopt when it is a regular file or does not exist (missing files are reported apart).
std::optional<std::string> not_a_readable_file(const std::string& path);

/// True when `path` is a symlink that never reaches a file (ELOOP). Python's Path.exists()
/// answers False for it, so NeMo Gym treats such an env.yaml as missing.
bool is_symlink_loop(const std::string& path);

}  // namespace ngd::config
