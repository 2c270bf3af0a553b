#include "config/python_interpreter.hpp"

#include "config/program_output.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>
#include <vector>

namespace ngd::config {
namespace fs = std::filesystem;

namespace {

std::string env_or(const char* name, std::string fallback)
{
    const char* value = std::getenv(name);
    return value && *value ? value : std::move(fallback);
}

bool is_executable_file(const fs::path& file)
{
    std::error_code ec;
    return fs::is_regular_file(file, ec) && ::access(file.c_str(), X_OK) == 0;
}

bool same_folder(const fs::path& a, const fs::path& b)
{
    std::error_code ec;
    return fs::equivalent(a, b, ec);
}

// The folders of PATH in order (an empty entry is the current folder, as for execvp).
std::vector<fs::path> path_folders(const std::string& path)
{
    std::vector<fs::path> folders;
    std::size_t start = 0;
    for (;;) {
        const auto end = path.find(':', start);
        const auto entry = path.substr(start, end == std::string::npos ? std::string::npos : end - start);
        folders.emplace_back(entry.empty() ? "." : entry);
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return folders;
}

// The versions a pyenv version file names: its words, comment lines left out. Only its
// start is read (it lies in whatever folder is examined, and could be of any size).
std::vector<std::string> versions_in(const fs::path& file)
{
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return {};
    std::ifstream in(file, std::ios::binary);
    std::string start(4096, '\0');
    in.read(start.data(), static_cast<std::streamsize>(start.size()));
    start.resize(static_cast<std::size_t>(in.gcount()));
    std::istringstream lines(start);
    std::vector<std::string> words;
    for (std::string line; std::getline(lines, line) && words.size() < 8;) {
        if (line.starts_with("#")) continue;
        std::istringstream split(line);
        for (std::string word; split >> word;) words.push_back(word);
    }
    return words;
}

// pyenv's choice of version: PYENV_VERSION, the nearest .python-version, the global file.
std::vector<std::string> pyenv_versions(const python_lookup& lookup)
{
    if (lookup.pyenv_version) {
        std::vector<std::string> words;
        std::istringstream split(*lookup.pyenv_version);
        for (std::string word; std::getline(split, word, ':');)
            if (!word.empty()) words.push_back(word);
        return words;
    }
    std::error_code ec;
    for (fs::path dir = fs::absolute(lookup.pyenv_dir, ec);; dir = dir.parent_path()) {
        if (fs::is_regular_file(dir / ".python-version", ec)) return versions_in(dir / ".python-version");
        if (dir == dir.parent_path()) break;
    }
    return versions_in(lookup.pyenv_root / "version");
}

bool plain_version_name(const std::string& name)
{
    return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos;
}

}  // namespace

python_lookup python_lookup_from_environment()
{
    python_lookup lookup;
    lookup.path = env_or("PATH", "/usr/bin:/bin");
    lookup.pyenv_root = env_or("PYENV_ROOT", env_or("HOME", "") + "/.pyenv");
    if (const char* v = std::getenv("PYENV_VERSION"); v && *v) lookup.pyenv_version = v;
    std::error_code ec;
    lookup.pyenv_dir = env_or("PYENV_DIR", fs::current_path(ec).string());
    return lookup;
}

std::optional<fs::path> python3_interpreter(const python_lookup& lookup)
{
    const auto folders = path_folders(lookup.path);
    for (std::size_t i = 0; i < folders.size(); ++i) {
        const fs::path candidate = folders[i] / "python3";
        if (!is_executable_file(candidate)) continue;
        if (!same_folder(folders[i], lookup.pyenv_root / "shims")) return candidate;
        const auto versions = pyenv_versions(lookup);
        if (versions.size() != 1) return candidate;
        if (versions.front() == "system") {
            // pyenv runs the python3 PATH gives without its shims.
            for (std::size_t j = i + 1; j < folders.size(); ++j)
                if (!same_folder(folders[j], folders[i]) && is_executable_file(folders[j] / "python3"))
                    return folders[j] / "python3";
            return candidate;
        }
        // A name reaching out of versions/ (a .python-version in an examined folder saying
        // "../../x") would run a program of that folder's choosing: pyenv refuses it too.
        if (!plain_version_name(versions.front())) return candidate;
        const fs::path installed = lookup.pyenv_root / "versions" / versions.front() / "bin" / "python3";
        return is_executable_file(installed) ? installed : candidate;
    }
    return std::nullopt;
}

std::optional<std::string> interpreter_version(const fs::path& interpreter)
{
    auto out = output_of(interpreter.string(), {"--version"});
    if (!out || !out->starts_with("Python ")) return std::nullopt;
    auto version = out->substr(7);
    while (!version.empty() && (version.back() == ' ' || version.back() == '\r')) version.pop_back();
    return version;
}

}  // namespace ngd::config
