#include "config/resolve.hpp"

#include "config/directives.hpp"
#include "config/file_kind.hpp"
#include "config/interpolation.hpp"
#include "config/merge.hpp"
#include "config/overrides.hpp"
#include "config/python_text.hpp"
#include "config/redact.hpp"
#include "config/search_roots.hpp"
#include "config/servers.hpp"
#include "config/yaml_load.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <thread>

namespace fs = std::filesystem;

namespace ngd::config {

env_lookup process_environment()
{
    return [](std::string_view name) -> std::optional<std::string> {
        std::string key(name);
        if (const char* v = std::getenv(key.c_str())) return std::string(v);
        return std::nullopt;
    };
}

std::string config_error::text() const { return type + ": " + message; }

std::string config_error::printed() const
{
    if (type == "HydraError") return message + "\n\nSet the environment variable HYDRA_FULL_ERROR=1 for a complete stack trace.";
    if (type == "GrammarParseError" || type == "ConfigKeyError" || type == "RuntimeError" || type == "ConfigTypeError")
        return text();
    return "Error: " + message;
}

namespace {

struct resolver_run {
    const resolve_options& options;
    env_lookup env;
    std::string cwd;
    resolution& out;

    bool merge_clashed = false;

    // OmegaConf.merge(a, b, ...) of whole configs: a clash is reported at the root.
    void merge_layer(node& into, const node& layer)
    {
        merge_clash clash;
        if (merge_into(into, layer, &clash) || merge_clashed) return;
        merge_clashed = true;  // NeMo Gym stops at the first; later merges would repeat it
        config_error e;
        e.type = "ConfigTypeError";
        e.message = merge_clash_message("", "dict");
        e.where = clash.later;
        e.clash = clash;
        report(e);
    }

    void report(config_error e)
    {
        if (!out.error) out.error = e;
        out.errors.push_back(std::move(e));
    }

    // A file's tree; an empty mapping, with the error reported, when it does not load.
    node load(const std::string& path)
    {
        auto r = load_yaml_file(path, display_path(path, cwd));
        if (auto* e = std::get_if<config_error>(&r)) {
            report(*e);
            return node::map();
        }
        return std::get<node>(std::move(r));
    }

    node load_env_yaml(const std::vector<std::string>& roots)
    {
        if (options.env_file) {
            fs::path p(*options.env_file);
            if (p.is_relative()) p = fs::path(cwd) / p;
            out.env_file_candidates.push_back(p.string());
            out.env_file_from_option = true;
            std::error_code ec;
            if (!fs::exists(p, ec)) {
                config_error e;
                e.type = "ConfigError";
                e.message = "env file '" + p.string() + "' does not exist";
                report(e);
                return node::map();
            }
            out.env_file = p.string();
        } else {
            for (auto& r : roots) {
                auto candidate = (fs::path(r) / "env.yaml").string();
                out.env_file_candidates.push_back(candidate);
                // NeMo Gym takes the first that exists, whatever it is (a folder then fails to
                // load); a symlink loop does not exist for Python's Path.exists().
                std::error_code ec;
                if (is_symlink_loop(candidate)) out.env_file_loops.push_back(candidate);
                else if (!out.env_file && fs::exists(candidate, ec)) out.env_file = candidate;
            }
            if (!out.env_file) return node::map();
        }
        return load(*out.env_file);
    }

    // Step 4: config_paths from env.yaml and the CLI, read through interpolation.
    std::vector<node> initial_config_paths(const node& dotenv, const node& cli)
    {
        node merged = dotenv;
        merge_layer(merged, cli);
        if (!merged.find("config_paths")) return {};
        interpolator in(merged, env);
        auto value = in.resolve_path("config_paths");
        for (auto& f : in.failures()) report(as_nemo_gym_error(f));
        if (!value || value->type() == node::kind::unresolved || !python_truthy(*value)) return {};
        bool valid = value->is_list();
        if (valid)
            for (auto& item : value->items()) valid = valid && item.is_string();
        if (!valid) {
            config_error e;
            e.type = "MalformedConfigPathsError";
            e.message = "'config_paths' must be a list of paths. Got: " + value->to_python_repr() +
                        ".\nPass each config with --config (it builds the list for you), e.g.:\n"
                        "  gym env start --config resources_servers/<env>/configs/<env>.yaml";
            e.where = value->where();
            report(e);
            return {};
        }
        return value->items();
    }

    void not_found(const std::string& entry, const std::vector<std::string>& roots, const origin& where)
    {
        config_error e;
        e.type = "ConfigPathNotFoundError";
        e.message = "config_paths entry '" + entry + "' was not found. Looked in:\n";
        if (fs::path(entry).is_absolute()) e.message += "  - " + entry + "\n";
        else
            for (auto& r : roots) e.message += "  - " + (fs::path(r) / entry).string() + "\n";
        e.message += "Check the path is spelled correctly and is relative to your working directory, an extra root\n"
                     "(NEMO_GYM_EXTRA_ROOTS / --search-dir), or the Gym install root.";
        e.where = where;
        report(e);
    }

    struct read_file {
        bool found = false;
        load_result content = node::map();
    };

    // Reads and parses list[from..] on up to one thread per core (at most 8): config files
    // are many (a model config and every resources server is about 200) and independent.
    std::vector<read_file> read_files(const std::vector<std::string>& list, std::size_t from,
                                      const std::vector<std::string>& roots)
    {
        std::vector<read_file> files(list.size() - from);
        std::atomic<std::size_t> next{0};
        auto work = [&] {
            for (std::size_t k; (k = next.fetch_add(1)) < files.size();) {
                std::string path = resolve_under_roots(list[from + k], roots, cwd);
                std::error_code ec;
                files[k].found = fs::is_regular_file(path, ec);
                if (files[k].found) files[k].content = load_yaml_file(path, display_path(path, cwd));
            }
        };
        std::size_t cores = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
        {
            std::vector<std::jthread> helpers;
            for (std::size_t t = 1; t < std::min(cores, files.size()); ++t) helpers.emplace_back(work);
            work();
        }
        return files;
    }

    // Step 5: the include tree, discovered breadth-first, merged in post-order.
    std::vector<node> load_includes(std::vector<node> entries, const std::vector<std::string>& roots)
    {
        std::vector<std::string> list;
        std::vector<origin> origins;
        for (auto& e : entries) {
            list.push_back(e.as_string());
            origins.push_back(e.where());
        }
        std::size_t top_level = list.size();
        std::vector<std::vector<std::size_t>> children(list.size());
        std::vector<node> configs(list.size(), node::map());
        std::vector<std::string> duplicates;
        std::vector<read_file> level;
        std::size_t level_begin = 0;
        for (std::size_t i = 0; i < list.size(); ++i) {
            // The files of one breadth-first level are read at once; what they hold is taken
            // in order, so the include list and the errors come out as if read one by one.
            if (i == level_begin + level.size()) {
                level_begin = i;
                level = read_files(list, i, roots);
            }
            auto& file = level[i - level_begin];
            if (!file.found) {
                not_found(list[i], roots, origins[i]);
                continue;
            }
            if (auto* e = std::get_if<config_error>(&file.content)) {
                report(*e);
                continue;
            }
            configs[i] = std::get<node>(std::move(file.content));
            const node* nested = configs[i].find("config_paths");
            if (!nested || nested->is_null()) continue;
            std::vector<node> nested_entries;
            if (nested->is_list()) nested_entries = nested->items();
            else if (nested->is_string())  // a string is iterated character by character, as NeMo Gym does
                for (char c : nested->as_string()) nested_entries.push_back(node::string(std::string(1, c), nested->where()));
            for (auto& n : nested_entries) {
                std::string entry = n.is_string() ? n.as_string() : n.to_python_str();
                bool known = false;
                for (auto& l : list) known = known || l == entry;
                if (known) {
                    duplicates.push_back(entry);
                    continue;
                }
                list.push_back(entry);
                origins.push_back(n.where());
                children.emplace_back();
                configs.push_back(node::map());
                children[i].push_back(list.size() - 1);
            }
        }
        if (!duplicates.empty() && !out.error) {
            // nemo_gym/global_config.py::load_extra_config_paths print()s this once every
            // include was loaded (a missing one raises first).
            std::string text =
                "Found configs that reference the same source config path. You may want to double check whether "
                "the configs you have need to use different configs for the same server.\nIn cases like these, you "
                "may want to consider using the `inherit_from` OmegaConf directive e.g. "
                "'++my_specific_server=${inherit_from:generic_server}' and then overriding config parameters in "
                "`my_specific_server`.\nDuplicate config paths:\n";
            for (auto& d : duplicates) text += "- " + d + "\n";
            out.notices.push_back(text + "\n");
        }
        out.config_paths = list;
        config_path_origins = origins;
        std::vector<node> ordered;
        std::vector<std::pair<std::size_t, bool>> stack;
        for (std::size_t r = top_level; r-- > 0;) stack.emplace_back(r, false);
        while (!stack.empty()) {
            auto [i, expanded] = stack.back();
            stack.pop_back();
            if (expanded) {
                ordered.push_back(configs[i]);
                continue;
            }
            stack.emplace_back(i, true);
            for (std::size_t c = children[i].size(); c-- > 0;) stack.emplace_back(children[i][c], false);
        }
        return ordered;
    }

    std::vector<origin> config_path_origins;

    void run()
    {
        if (auto dict = env("NEMO_GYM_CONFIG_DICT"); dict && !dict->empty()) {
            out.from_config_dict_env = true;
            auto r = load_yaml_text(*dict, "NEMO_GYM_CONFIG_DICT", "NEMO_GYM_CONFIG_DICT");
            if (auto* e = std::get_if<config_error>(&r)) {
                report(*e);
                return;
            }
            out.unresolved_root = std::get<node>(std::move(r));
            finish(out.unresolved_root);
            return;
        }
        std::future<std::optional<std::string>> python_version;
        if (!options.python_version) python_version = start_python_version_probe();
        auto roots = search_roots(options.search_dirs, env("NEMO_GYM_EXTRA_ROOTS").value_or(""), cwd);
        auto overrides = apply_overrides(coalesce_config_paths(options.overrides));
        if (overrides.error) report(*overrides.error);
        node dotenv = load_env_yaml(roots);
        auto entries = initial_config_paths(dotenv, overrides.cfg);
        auto configs = load_includes(std::move(entries), roots);

        node g = node::map();
        for (auto& c : configs) {
            merge_layer(g, c);
            c = node::map();  // what was merged now belongs to g alone: later edits of g need not copy it
        }
        merge_layer(g, dotenv);
        merge_layer(g, overrides.cfg);
        if (!out.config_paths.empty()) {
            node_list items;
            for (std::size_t i = 0; i < out.config_paths.size(); ++i)
                items.push_back(node::string(out.config_paths[i], config_path_origins[i]));
            const node* existing = g.find("config_paths");
            node value = node::list(std::move(items), existing ? existing->where() : origin::of_override());
            if (auto* slot = g.find("config_paths")) *slot = value;
            else g.entries().emplace_back("config_paths", value);
        }
        if (auto e = apply_directives(g)) report(*e);
        if (auto e = check_missing_values(g)) report(*e);
        populate_servers_and_defaults(g, options, env, cwd, out.notices, out.server_instances,
                                      [this](config_error e) { report(std::move(e)); }, std::move(python_version));
        out.unresolved_root = g;
        finish(g);
    }

    void finish(node g)
    {
        if (options.hide_secrets && !out.from_config_dict_env) hide_secrets_nemo_gym(g, env);
        interpolator in(g, env);
        out.root = in.resolve_all();
        for (auto& f : in.failures()) report(as_nemo_gym_error(f));
    }
};

}  // namespace

resolution resolve(const resolve_options& options)
{
    resolution out;
    std::error_code ec;
    std::string cwd = options.cwd.empty() ? fs::current_path(ec).string() : options.cwd;
    if (fs::path(cwd).is_relative()) cwd = fs::absolute(cwd, ec).string();
    out.cwd = cwd;
    resolver_run run{options, options.env ? options.env : process_environment(), cwd, out, {}};
    try {
        run.run();
    } catch (const std::exception& e) {
        // Bad input is reported as values; this only guards against resources running out.
        config_error err;
        err.type = "InternalError";
        err.message = e.what();
        run.report(err);
    }
    return out;
}

}  // namespace ngd::config
