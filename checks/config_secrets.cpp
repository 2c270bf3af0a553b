// config.secrets: ways a key escapes NeMo Gym's own protection: NEMO_GYM_CONFIG_DICT (parsing
// and redaction skipped), Hydra's outputs/*/.hydra/*.yaml (command-line overrides written to
// disk), and secrets under names NeMo Gym's "token"/"key" rule does not mask.
#include "checks/checks.hpp"

#include "config/redact.hpp"
#include "doctor/run_context.hpp"
#include "openrouter/key_mask.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace ngd::checks {
namespace {

constexpr std::size_t max_files_scanned = 2000;
constexpr std::uintmax_t max_file_size = 1 << 20;

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

/// A line of a Hydra file that carries a secret: a credential-shaped value, or a key-like
/// name set to a long literal ("+policy_api_key=abc...").
bool line_has_secret(const std::string& line)
{
    if (config::looks_like_credential(line)) return true;
    auto l = lower(line);
    bool named = false;
    for (auto word : {"api_key", "apikey", "token", "secret", "password"}) named = named || l.find(word) != std::string::npos;
    if (!named) return false;
    auto sep = line.find_first_of("=:");
    if (sep == std::string::npos) return false;
    std::string value = line.substr(sep + 1);
    value.erase(0, value.find_first_not_of(" '\""));
    while (!value.empty() && (value.back() == ' ' || value.back() == '\'' || value.back() == '"' || value.back() == '\r'))
        value.pop_back();
    return value.size() >= 16 && value.find("${") == std::string::npos && value != "****" &&
           value.find(' ') == std::string::npos;
}

std::vector<std::string> hydra_files_with_secrets(const std::string& cwd)
{
    std::vector<std::string> hits;
    fs::path outputs = fs::path(cwd) / "outputs";
    std::error_code ec;
    if (!fs::is_directory(outputs, ec)) return hits;
    std::size_t scanned = 0;
    auto options = fs::directory_options::skip_permission_denied;
    for (auto it = fs::recursive_directory_iterator(outputs, options, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (it.depth() > 3) {
            it.disable_recursion_pending();
            continue;
        }
        const auto& p = it->path();
        if (p.extension() != ".yaml" || p.parent_path().filename() != ".hydra") continue;
        if (++scanned > max_files_scanned) break;
        std::error_code size_ec;
        if (fs::file_size(p, size_ec) > max_file_size || size_ec) continue;
        std::ifstream in(p);
        std::string line;
        while (std::getline(in, line))
            if (line_has_secret(line)) {
                hits.push_back(fs::path(p).lexically_relative(cwd).string());
                break;
            }
    }
    std::sort(hits.begin(), hits.end());
    return hits;
}

struct leak {
    std::string path;
    std::string masked;
};

void find_leaks(const config::node& n, const std::string& path, std::vector<leak>& out)
{
    if (n.is_map()) {
        for (auto& [k, v] : n.entries()) {
            std::string here = path.empty() ? k : path + "." + k;
            if (v.is_string() && !config::nemo_gym_masks_key(k) && config::superset_masks_key(k) &&
                !v.as_string().empty() && v.as_string() != "****")
                out.push_back({here, openrouter::mask_key(v.as_string())});
            else find_leaks(v, here, out);
        }
    } else if (n.is_list()) {
        std::size_t i = 0;
        for (auto& item : n.items()) find_leaks(item, path + "[" + std::to_string(i++) + "]", out);
    } else if (n.is_string() && config::looks_like_credential(n.as_string())) {
        out.push_back({path, openrouter::mask_key(n.as_string())});
    }
}

}  // namespace

result config_secrets(check_context& ctx)
{
    const auto& r = ctx.run.config;
    std::vector<std::string> warnings, details;
    doctor::fix remedy;
    auto add_fix = [&](std::string text, std::vector<std::string> commands) {
        if (!remedy.text.empty()) remedy.text += "; ";
        remedy.text += text;
        remedy.commands.insert(remedy.commands.end(), commands.begin(), commands.end());
    };
    if (ctx.run.env) {
        if (auto dict = ctx.run.env("NEMO_GYM_CONFIG_DICT"); dict && !dict->empty()) {
            warnings.push_back("NEMO_GYM_CONFIG_DICT is exported: NeMo Gym then skips env.yaml, the command line, "
                               "validation and redaction, and ng_dump_config prints every key in clear");
            add_fix("unset NEMO_GYM_CONFIG_DICT (NeMo Gym sets it for its own child servers only)",
                    {"unset NEMO_GYM_CONFIG_DICT"});
        }
    }
    if (!r.cwd.empty()) {
        auto files = hydra_files_with_secrets(r.cwd);
        if (!files.empty()) {
            warnings.push_back("Hydra wrote a key to disk in " + std::to_string(files.size()) +
                               " file(s) under outputs/ (every run saves its command-line overrides there)");
            for (auto& f : files) details.push_back("key in " + f);
            add_fix("delete those files, rotate the key at https://openrouter.ai/keys, and keep keys in env.yaml "
                    "instead of on the command line",
                    {"rm -r outputs/*/*/.hydra outputs/*/.hydra"});
        }
    }
    if (!r.from_config_dict_env) {
        std::vector<leak> leaks;
        find_leaks(config::nemo_gym_printed_tree(r, ctx.run.env), "", leaks);
        if (!leaks.empty()) {
            warnings.push_back(std::to_string(leaks.size()) +
                               " secret(s) sit under names NeMo Gym's redaction does not mask (it masks only names "
                               "containing \"token\" or \"key\", case-sensitively): ng_dump_config prints them");
            for (auto& l : leaks) details.push_back(l.path + " = " + l.masked);
            add_fix("rename those keys so they contain \"key\" or \"token\" in lower case (e.g. api_key), or refer "
                    "to policy_api_key through an interpolation",
                    {"ngdoctor dump-config"});
        }
    }
    if (warnings.empty())
        co_return doctor::ok("no key escapes NeMo Gym's redaction, the environment or Hydra's outputs/ folder");
    for (std::size_t i = 1; i < warnings.size(); ++i) details.insert(details.begin() + static_cast<long>(i - 1), warnings[i]);
    co_return doctor::warn(warnings.front(), remedy, details);
}

}  // namespace ngd::checks
