#pragma once
/// The bundle's archive (.tar.gz) through libarchive: written once, never over a file that
/// exists, and read back member by member.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ngd::cli {

struct archive_member {
    std::string name;  ///< path inside the archive, e.g. "report.json"
    std::string text;
};

/// Writes `members` to a new `file` (gzip-compressed tar, mode 0600: it describes the user's
/// setup). "" on success, else why not; an existing `file` is left alone and is an error.
std::string write_archive(const std::filesystem::path& file, const std::vector<archive_member>& members);

/// Whether `bytes` start like a gzip stream (a bundle rather than a JSON report).
bool looks_like_gzip(std::string_view bytes);

/// The member `name` of the archive `file`; nullopt with `error` set when it cannot be read or
/// has no such member.
std::optional<std::string> read_archive_member(const std::filesystem::path& file, const std::string& name,
                                               std::string& error);

}  // namespace ngd::cli
