#pragma once
/// A fresh folder under the system temp dir, removed with everything in it on destruction.
#include <filesystem>
#include <string>
#include <string_view>

namespace ngd::test {

class temp_dir {
public:
    temp_dir();
    ~temp_dir();
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    /// Writes `content` to `relative` (creating parent folders) and returns the full path.
    std::filesystem::path write(std::string_view relative, std::string_view content) const;
    /// Reads a file back whole.
    static std::string read(const std::filesystem::path& file);

private:
    std::filesystem::path path_;
};

}  // namespace ngd::test
