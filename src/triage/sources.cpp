// File names from nemo_gym/rollout_collection.py (the files of one collection),
// cli/setup_command.py (<log_dir>/<server key>.log) and Hydra (.hydra/overrides.yaml).
#include "triage/sources.hpp"

#include <algorithm>
#include <set>
#include <system_error>
#include <unistd.h>

namespace ngd::triage {
namespace fs = std::filesystem;

namespace {

constexpr int deepest_folder = 4;  // a run folder, its log folder, outputs/<date>/<time>/.hydra

bool ends_with(const std::string& s, std::string_view tail)
{
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::string stem_of(const fs::path& file, std::string_view suffix)
{
    const std::string name = file.filename().string();
    return (file.parent_path() / name.substr(0, name.size() - suffix.size())).string();
}

bool skipped_folder(const fs::path& dir)
{
    const std::string name = dir.filename().string();
    return name == ".venv" || name == "node_modules" || name == ".git" || name == "__pycache__" ||
           (name.starts_with('.') && name != ".hydra");
}

}  // namespace

std::string_view to_string(file_kind k)
{
    switch (k) {
    case file_kind::rollouts: return "rollouts";
    case file_kind::materialized: return "materialized_inputs";
    case file_kind::failures: return "failures";
    case file_kind::metrics: return "metrics";
    case file_kind::capture: return "capture";
    case file_kind::log: return "log";
    case file_kind::transcript: return "transcript";
    case file_kind::overrides: return "overrides";
    case file_kind::standard_input: return "stdin";
    }
    return "transcript";
}

std::optional<source> classify(const fs::path& file)
{
    const std::string name = file.filename().string();
    if (ends_with(name, "_materialized_inputs.jsonl"))
        return source{file, file_kind::materialized, stem_of(file, "_materialized_inputs.jsonl")};
    if (ends_with(name, "_failures.jsonl")) return source{file, file_kind::failures, stem_of(file, "_failures.jsonl")};
    if (ends_with(name, "_aggregate_metrics.json"))
        return source{file, file_kind::metrics, stem_of(file, "_aggregate_metrics.json")};
    if (ends_with(name, ".capture.jsonl")) return source{file, file_kind::capture, {}};
    if (ends_with(name, "_reward_profiling.jsonl") || ends_with(name, "_agent_metrics.json")) return std::nullopt;
    if (name == "overrides.yaml") return source{file, file_kind::overrides, {}};
    if (ends_with(name, ".jsonl")) return source{file, file_kind::rollouts, stem_of(file, ".jsonl")};
    if (ends_with(name, ".log")) return source{file, file_kind::log, {}};
    return source{file, file_kind::transcript, {}};
}

std::vector<source> find_sources(const std::vector<std::string>& paths, std::string& error)
{
    std::vector<source> out;
    std::set<std::string> seen;
    auto add = [&](const source& s) {
        std::error_code ec;
        const std::string id = s.kind == file_kind::standard_input ? "-" : fs::weakly_canonical(s.path, ec).string();
        if (seen.insert(id).second) out.push_back(s);
    };
    for (const auto& p : paths) {
        if (p == "-") {
            add({"-", file_kind::standard_input, {}});
            continue;
        }
        std::error_code ec;
        const fs::path path(p);
        const auto st = fs::status(path, ec);
        if (ec || !fs::exists(st)) {
            error = "cannot read '" + p + "': no such file or folder";
            return {};
        }
        if (::access(path.c_str(), R_OK) != 0) {
            error = "cannot read '" + p + "': permission denied";
            return {};
        }
        if (fs::is_directory(st)) {
            std::vector<fs::path> files;
            fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
            for (; !ec && it != end; it.increment(ec)) {
                if (it->is_directory(ec)) {
                    if (it.depth() >= deepest_folder || skipped_folder(it->path())) it.disable_recursion_pending();
                    continue;
                }
                if (it->is_regular_file(ec)) files.push_back(it->path());
            }
            std::sort(files.begin(), files.end());
            // The run's own files first, so the shape is known before the logs are read.
            std::stable_partition(files.begin(), files.end(), [](const fs::path& f) {
                const auto s = classify(f);
                return s && s->kind != file_kind::log && s->kind != file_kind::transcript;
            });
            for (const auto& f : files)
                if (auto s = classify(f)) add(*s);
            continue;
        }
        auto s = classify(path);
        if (!s) s = source{path, file_kind::transcript, {}};
        add(*s);
        // A rollout output brings the files NeMo Gym writes next to it.
        if (s->kind == file_kind::rollouts)
            for (const char* suffix : {"_materialized_inputs.jsonl", "_failures.jsonl", "_aggregate_metrics.json"}) {
                const fs::path sibling = s->stem + suffix;
                if (fs::exists(sibling, ec))
                    if (auto sib = classify(sibling)) add(*sib);
            }
    }
    return out;
}

}  // namespace ngd::triage
