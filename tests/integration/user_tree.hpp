#pragma once
/// The user's folder as data, to prove a run left it as it was and wrote no secret.
#include "support/temp_dir.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace ngd::itest {

/// Every entry under a folder: files with their bytes and permissions, folders and links.
struct tree_snapshot {
    std::map<std::string, std::string> entries;  ///< relative path -> "file <perms> <bytes>" / "dir" / "link -> x"

    static tree_snapshot of(const std::filesystem::path& root)
    {
        namespace fs = std::filesystem;
        tree_snapshot s;
        for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::none);
             it != fs::recursive_directory_iterator(); ++it) {
            const auto relative = fs::relative(it->path(), root).string();
            const auto status = it->symlink_status();
            if (fs::is_symlink(status))
                s.entries[relative] = "link -> " + fs::read_symlink(it->path()).string();
            else if (fs::is_directory(status))
                s.entries[relative] = "dir";
            else
                s.entries[relative] = "file " + std::to_string(static_cast<unsigned>(status.permissions())) + " " +
                                      test::temp_dir::read(it->path());
        }
        return s;
    }

    /// What differs from `before`: added, removed or changed paths.
    std::vector<std::string> changes_since(const tree_snapshot& before) const
    {
        std::vector<std::string> changed;
        for (const auto& [path, what] : entries) {
            const auto old = before.entries.find(path);
            if (old == before.entries.end()) changed.push_back("created " + path);
            else if (old->second != what) changed.push_back("changed " + path);
        }
        for (const auto& [path, what] : before.entries)
            if (!entries.contains(path)) changed.push_back("removed " + path);
        return changed;
    }
};

/// The files under `root` (except `skip`) whose bytes contain `needle`.
inline std::vector<std::string> files_containing(const std::filesystem::path& root, const std::string& needle,
                                                 const std::vector<std::string>& skip = {})
{
    namespace fs = std::filesystem;
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
        if (!it->is_regular_file()) continue;
        const auto relative = fs::relative(it->path(), root).string();
        bool skipped = false;
        for (const auto& s : skip) skipped = skipped || s == relative;
        if (!skipped && test::temp_dir::read(it->path()).find(needle) != std::string::npos) found.push_back(relative);
    }
    return found;
}

}  // namespace ngd::itest
