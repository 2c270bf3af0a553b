#include "config/search_roots.hpp"

#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace ngd::config {

namespace {

std::string resolved(const fs::path& p)
{
    std::error_code ec;
    auto r = fs::weakly_canonical(p, ec);
    return ec ? p.lexically_normal().string() : r.string();
}

}  // namespace

std::vector<std::string> search_roots(const std::vector<std::string>& search_dirs,
                                      const std::string& extra_roots_env, const std::string& cwd)
{
    std::vector<std::string> candidates = search_dirs;
    std::size_t start = 0;
    while (start <= extra_roots_env.size() && !extra_roots_env.empty()) {
        auto colon = extra_roots_env.find(':', start);
        auto part = extra_roots_env.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
        if (!part.empty()) candidates.push_back(part);
        if (colon == std::string::npos) break;
        start = colon + 1;
    }
    candidates.push_back(cwd);
    std::vector<std::string> roots;
    std::vector<std::string> seen;
    for (auto& c : candidates) {
        fs::path p(c);
        if (p.is_relative()) p = fs::path(cwd) / p;
        auto key = resolved(p);
        bool dup = false;
        for (auto& s : seen) dup = dup || s == key;
        if (dup) continue;
        seen.push_back(key);
        roots.push_back(p.lexically_normal().string());
    }
    for (auto& r : roots)
        if (r.size() > 1 && r.back() == '/') r.pop_back();
    return roots;
}

std::string resolve_under_roots(const std::string& entry, const std::vector<std::string>& roots,
                                const std::string& cwd)
{
    fs::path p(entry);
    if (p.is_absolute()) return entry;
    for (auto& r : roots) {
        std::error_code ec;
        auto candidate = fs::path(r) / p;
        if (fs::exists(candidate, ec)) return candidate.string();
    }
    return (fs::path(roots.empty() ? cwd : roots.front()) / p).string();
}

std::string display_path(const std::string& absolute, const std::string& cwd)
{
    fs::path p = fs::path(absolute).lexically_normal();
    auto rel = p.lexically_relative(fs::path(cwd).lexically_normal());
    if (!rel.empty() && rel.native().rfind("..", 0) != 0) return rel.string();
    return p.string();
}

}  // namespace ngd::config
