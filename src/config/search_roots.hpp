#pragma once
/// Where NeMo Gym looks for env.yaml and for relative config paths (`component_search_roots`,
/// `_resolve_under_cwd_or_install`).
#include <string>
#include <vector>

namespace ngd::config {

/// NEMO_GYM_EXTRA_ROOTS entries (with --search-dir values first), then cwd, made absolute
/// and de-duplicated by resolved path. There is no install root here.
std::vector<std::string> search_roots(const std::vector<std::string>& search_dirs,
                                      const std::string& extra_roots_env, const std::string& cwd);

/// An absolute entry as is; else the first root/entry that exists; else roots[0]/entry.
std::string resolve_under_roots(const std::string& entry, const std::vector<std::string>& roots,
                                const std::string& cwd);

/// How a file is named in origins: relative to cwd when under it, else absolute.
std::string display_path(const std::string& absolute, const std::string& cwd);

}  // namespace ngd::config
