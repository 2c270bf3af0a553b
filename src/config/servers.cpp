#include "config/servers.hpp"

#include "config/difflib.hpp"
#include "config/interpolation.hpp"
#include "config/merge.hpp"
#include "config/python_interpreter.hpp"
#include "config/python_text.hpp"
#include "config/redact.hpp"
#include "config/server_validation.hpp"
#include "config/emit.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <random>
#include <unordered_map>
#include <unordered_set>

namespace fs = std::filesystem;

namespace ngd::config {

namespace {

constexpr std::array<std::string_view, 35> reserved_keys = {
    "config_paths", "entrypoint", "default_host", "head_server", "disallowed_ports", "head_server_deps",
    "python_version", "pip_install_verbose", "use_absolute_ip", "uv_pip_set_python", "skip_venv_if_present",
    "hf_token", "ray_head_node_address", "port_range_low", "port_range_high", "dry_run",
    "model_endpoint_readiness_timeout_seconds", "allow_openai_version_skew", "uv_cache_dir", "uv_venv_dir",
    "results_dir", "cache_dir", "_inherit_from", "_copy", "nemo_gym_log_dir", "verbose", "json", "query",
    "observability_enabled", "model_call_capture_dir", "token_id_capture", "component_name",
    "skip_verification", "skip_verification_reward", "error_on_almost_servers"};

bool is_server_type(std::string_view t)
{
    for (auto s : server_types)
        if (s == t) return true;
    return false;
}

struct candidate {
    std::string type;
    const node* impls = nullptr;
};

std::optional<candidate> server_type_of(const node& value)
{
    if (!value.is_map()) return std::nullopt;
    for (auto& [k, v] : value.entries())
        if (is_server_type(k)) return candidate{k, &v};
    return std::nullopt;
}

int random_bind_tested_port(int low, int high, const std::vector<int>& disallowed)
{
    static std::mt19937 rng{std::random_device{}()};
    std::uniform_int_distribution<int> pick(low, high);
    for (int attempt = 0; attempt < 50; ++attempt) {
        int port = pick(rng);
        bool taken = false;
        for (int d : disallowed) taken = taken || d == port;
        if (taken) continue;
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) continue;
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_ANY);
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        ::close(fd);
        if (ok) return port;
    }
    return -1;
}

std::optional<std::string> python3_version()
{
    const auto interpreter = python3_interpreter(python_lookup_from_environment());
    return interpreter ? interpreter_version(*interpreter) : std::nullopt;
}

std::string host_address()
{
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0) return "127.0.0.1";
    addrinfo hints{};
    hints.ai_family = AF_INET;
    addrinfo* res = nullptr;
    if (::getaddrinfo(name, nullptr, &hints, &res) != 0 || !res) return "127.0.0.1";
    char text[INET_ADDRSTRLEN] = {};
    ::inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(res->ai_addr)->sin_addr, text, sizeof text);
    ::freeaddrinfo(res);
    return text;
}

// setdefault: the existing (resolved) value, or `value` appended.
class root_reader {
public:
    root_reader(node& root, const env_lookup& env, const error_sink& report) : root_(root), env_(env), report_(report) {}

    std::optional<node> get(std::string_view key)
    {
        if (!root_.find(key)) return std::nullopt;
        node snapshot = root_;
        interpolator in(snapshot, env_);
        auto v = in.resolve_path(key);
        for (auto& f : in.failures()) report_(as_nemo_gym_error(f));
        if (v && v->type() == node::kind::unresolved) return std::nullopt;
        return v;
    }

    node setdefault(std::string_view key, node value)
    {
        if (auto v = get(key)) return *v;
        if (root_.find(key)) return value;  // present but failed to resolve
        root_.entries().emplace_back(std::string(key), value);
        return value;
    }

    void set(std::string_view key, node value)
    {
        if (auto* existing = root_.find(key)) *existing = std::move(value);
        else root_.entries().emplace_back(std::string(key), std::move(value));
    }

private:
    node& root_;
    const env_lookup& env_;
    const error_sink& report_;
};

void merge_dummy_models(node& root, const error_sink& report)
{
    for (auto& [name, value] : root.entries()) {
        if (!value.is_map()) continue;
        auto* models = value.find("responses_api_models");
        if (!models || !models->is_map()) continue;
        auto* dummy = models->find("dummy_model");
        if (!dummy) continue;
        if (value.entries().size() <= 1 && models->entries().size() <= 1) continue;
        node dummy_value = *dummy;
        std::erase_if(models->entries(), [](auto& e) { return e.first == "dummy_model"; });
        if (models->entries().empty()) continue;
        node merged = dummy_value;
        if (merged.is_map() && models->entries().front().second.is_map()) {
            merge_clash clash;
            if (!merge_into(merged, models->entries().front().second, &clash)) {
                config_error e;
                e.type = "ConfigTypeError";  // OmegaConf.merge(dummy, actual) raises, uncaught
                e.message = merge_clash_message("", "dict");
                e.where = clash.later;
                e.clash = clash;
                report(e);
            }
            models->entries().front().second = merged;
        }
    }
}

// config_types.py::is_almost_server
bool looks_like_server(const node& value)
{
    if (!value.is_map()) return false;
    for (auto t : server_types) {
        auto* impls = value.find(t);
        if (!impls || !impls->is_map()) continue;
        for (auto& [impl, inner] : impls->entries())
            if (inner.is_map() && inner.find("entrypoint")) return true;
    }
    return false;
}

// The AlmostServerError embeds the config as YAML: a redacted copy, not resolved. The
// redaction walk reads every value resolved, so a value that cannot be resolved stops it first.
config_error almost_server_error(const node& root, const env_lookup& env, std::size_t count)
{
    node snapshot = root;
    interpolator in(snapshot, env);
    in.resolve_all();
    if (!in.failures().empty()) return as_nemo_gym_error(in.failures().front());
    node logged = root;
    hide_secrets_nemo_gym(logged, env);
    config_error e;
    e.type = "AlmostServerError";
    e.message = "Found " + std::to_string(count) +
                " almost-server(s) with validation errors. Fix the issues above or set "
                "error_on_almost_servers=false to bypass this error.\nFound global config dict yaml:\n" +
                to_yaml(logged);
    return e;
}

// The file and line to fix: the value the deepest validation error is about (the `license:`
// line; the union's "Field required" noise sits at the top), else the server block itself.
origin place_of_first_problem(const node& root,
                              const std::pair<std::string, std::vector<validation_error>>& server)
{
    const validation_error* deepest = nullptr;
    for (auto& error : server.second)
        if (error.input && error.input->where().from == origin::kind::file &&
            (!deepest || error.loc.size() > deepest->loc.size()))
            deepest = &error;
    if (deepest) return deepest->input->where();
    const node* block = root.find(server.first);
    return block ? block->where() : origin{};
}

std::string quoted_list(const std::vector<std::string>& names)
{
    if (names.empty()) return "(none)";
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + python_str_repr(names[i]);
    return out;
}

}  // namespace

bool is_reserved_top_level_key(std::string_view key)
{
    for (auto k : reserved_keys)
        if (k == key) return true;
    return false;
}

std::vector<server_instance> find_server_instances(const node& root)
{
    std::vector<server_instance> out;
    if (!root.is_map()) return out;
    for (auto& [name, value] : root.entries()) {
        if (is_reserved_top_level_key(name)) continue;
        auto c = server_type_of(value);
        if (!c || !c->impls->is_map() || c->impls->entries().size() != 1) continue;
        if (!validate_server_instance(value).empty()) continue;
        out.push_back({name, c->type, c->impls->entries().front().first});
    }
    return out;
}

std::future<std::optional<std::string>> start_python_version_probe()
{
    return std::async(std::launch::async, python3_version);
}

void populate_servers_and_defaults(node& root, const resolve_options& options, const env_lookup& env,
                                   const std::string& cwd, std::vector<std::string>& notices,
                                   std::vector<std::string>& instance_names,
                                   const error_sink& report, std::future<std::optional<std::string>> python_version)
{
    {
        // The dummy-model pass walks global_config_dict.values() and the almost-server pass
        // .items(): both resolve every top-level value, so a top-level value that cannot be
        // resolved stops NeMo Gym here, before any server is looked at.
        node snapshot = root;
        interpolator top(snapshot, env);
        for (auto& [key, value] : snapshot.entries())
            if (value.is_scalar() && key.find('.') == std::string::npos) top.resolve_path(key);
        for (auto& f : top.failures()) report(as_nemo_gym_error(f));
    }
    merge_dummy_models(root, report);

    // Almost-servers (detect_and_report_almost_servers): a top-level value that fails
    // validation yet has a server type key with an inner dict holding an entrypoint.
    std::vector<std::pair<std::string, std::vector<validation_error>>> almost;
    for (auto& [name, value] : root.entries()) {
        if (is_reserved_top_level_key(name) || !looks_like_server(value)) continue;
        auto errors = validate_server_instance(value);
        if (!errors.empty()) almost.emplace_back(name, std::move(errors));
    }
    root_reader reader(root, env, report);
    if (!almost.empty()) {
        // rich.print()s on stdout, each call one line end.
        std::string bar;
        for (int i = 0; i < 51; ++i) bar += "\u2550";
        std::string text = bar + "\nConfiguration Warnings: Almost-Servers Detected\n" + bar + "\n";
        for (auto& [name, errors] : almost) text += almost_server_warning(name, errors) + "\n";
        text += bar + "\n\n";
        notices.push_back(text);
        auto flag = reader.get("error_on_almost_servers");
        if (!flag || python_truthy(*flag)) {
            auto e = almost_server_error(root, env, almost.size());
            if (e.type == "AlmostServerError") e.where = place_of_first_problem(root, almost.front());
            report(e);
        }
    }
    auto instances = find_server_instances(root);
    for (auto& i : instances) instance_names.push_back(i.name);

    bool use_absolute_ip = python_truthy(reader.setdefault("use_absolute_ip", node::boolean(false, origin::of_default())));
    std::string default_host = "127.0.0.1";
    if (use_absolute_ip) default_host = host_address();
    else if (auto h = reader.get("default_host"); h && python_truthy(*h)) default_host = h->to_python_str();

    int head_port = 11000;
    if (auto head = reader.get("head_server"); head && head->is_map())
        if (auto* p = head->find("port"); p && p->type() == node::kind::integer) head_port = static_cast<int>(p->as_int());
    std::vector<int> disallowed{head_port};
    node disallowed_list = node::list({node::integer(head_port, origin::of_default())}, origin::of_default());

    auto int_of = [](const node& n, int fallback) {
        return n.type() == node::kind::integer ? static_cast<int>(n.as_int()) : fallback;
    };
    int low = int_of(reader.setdefault("port_range_low", node::integer(10001, origin::of_default())), 10001);
    int high = int_of(reader.setdefault("port_range_high", node::integer(20000, origin::of_default())), 20000);

    // Server refs need every instance's type and name.
    std::vector<std::pair<std::string, std::string>> typed_names;
    std::unordered_set<std::string> defined;
    for (auto& i : instances) {
        typed_names.emplace_back(i.type, i.name);
        defined.insert(i.type + "/" + i.name);
    }

    auto top_skip = reader.get("skip_verification");
    auto top_skip_reward = reader.get("skip_verification_reward");

    node snapshot = root;
    interpolator in(snapshot, env);
    std::unordered_map<std::string_view, std::size_t> position;
    for (std::size_t i = 0; i < snapshot.entries().size(); ++i) position.emplace(snapshot.entries()[i].first, i);
    std::size_t failures_seen = 0;
    for (auto& inst : instances) {
        std::string inner_path = inst.name + "." + inst.type + "." + inst.implementation;
        node* inner = root.entries()[position.at(inst.name)].second.find(inst.type)->find(inst.implementation);
        // run_server_config_dict.items() resolves the inner dict's own values, every one before
        // the server refs are looked at; values nested deeper stay unresolved until later.
        node_map shallow;
        for (auto& [field, raw] : inner->entries()) {
            std::string path = inner_path + "." + field;
            std::optional<node> value;
            if (field.find('.') != std::string::npos) {
                value = raw;
            } else if (raw.is_map() && raw.find("type") && raw.find("name")) {
                // is_server_ref reads just these two (pydantic ignores the other keys)
                node ref = raw;
                for (auto key : {"type", "name"})
                    if (auto r = in.resolve_path(path + "." + key)) *ref.find(key) = *r;
                value = ref;
            } else if (raw.is_scalar()) {
                value = in.resolve_path(path);
            }
            for (; failures_seen < in.failures().size(); ++failures_seen) report(as_nemo_gym_error(in.failures()[failures_seen]));
            shallow.emplace_back(field, value ? *value : raw);
        }
        node resolved = node::map(std::move(shallow));
        const node* resolved_inner = &resolved;

        for (auto& [field, value] : resolved_inner->entries()) {
            if (!value.is_map()) continue;
            auto* type = value.find("type");
            auto* name = value.find("name");
            if (!type || !name || !type->is_string() || !name->is_string() || !is_server_type(type->as_string())) continue;
            if (defined.count(type->as_string() + "/" + name->as_string())) continue;
            std::vector<std::string> same_type;
            for (auto& [t, n] : typed_names)
                if (t == type->as_string()) same_type.push_back(n);
            config_error e;
            e.type = "ServerRefNotFoundError";
            e.message = "In server instance '" + inst.name + "', field '" + field + "' references " +
                        type->as_string() + "/'" + name->as_string() + "', which is not defined in the merged config.\n";
            auto close = close_matches(name->as_string(), same_type);
            std::sort(same_type.begin(), same_type.end());  // the "Available" list is sorted()
            if (!close.empty()) e.message += "Did you mean: " + quoted_list(close) + "?";
            else e.message += "Available " + type->as_string() + ": " + quoted_list(same_type);
            e.where = value.where();
            report(e);
        }

        auto* host = resolved_inner->find("host");
        if (!host || !python_truthy(*host)) {
            node value = node::string(default_host, origin::of_default());
            if (auto* h = inner->find("host")) *h = value;
            else inner->entries().emplace_back("host", value);
        }
        auto* port = resolved_inner->find("port");
        if (!port || !python_truthy(*port)) {
            std::optional<int> chosen = options.find_port ? options.find_port(low, high, disallowed)
                                                          : std::optional<int>(random_bind_tested_port(low, high, disallowed));
            if (!chosen || *chosen < 0) {
                config_error e;
                e.type = "RuntimeError";
                e.message = "Unable to find an open port in the range " + std::to_string(low) + "-" + std::to_string(high);
                report(e);
                continue;
            }
            node value = node::integer(*chosen, origin::of_default());
            if (auto* p = inner->find("port")) *p = value;
            else inner->entries().emplace_back("port", value);
            disallowed.push_back(*chosen);
            disallowed_list.items().push_back(value);
        } else {
            if (port->type() == node::kind::integer) disallowed.push_back(static_cast<int>(port->as_int()));
            node copy = *port;
            disallowed_list.items().push_back(copy);
        }

        // Copied after host and port, when set at the top level and not null.
        if (inst.type == "responses_api_agents") {
            if (top_skip && !top_skip->is_null() && !inner->find("skip_verification"))
                inner->entries().emplace_back("skip_verification", *top_skip);
            if (top_skip_reward && !top_skip_reward->is_null() && !inner->find("skip_verification_reward"))
                inner->entries().emplace_back("skip_verification_reward", *top_skip_reward);
        }
    }

    auto head = reader.get("head_server");
    if (!head || !python_truthy(*head))
        reader.set("head_server", node::map({{"host", node::string(default_host, origin::of_default())},
                                             {"port", node::integer(11000, origin::of_default())}},
                                            origin::of_default()));
    reader.set("disallowed_ports", disallowed_list);
    auto skew = reader.setdefault("allow_openai_version_skew", node::boolean(false, origin::of_default()));
    if (skew.type() != node::kind::boolean) {
        config_error e;
        e.type = "ConfigError";
        e.message = "allow_openai_version_skew must be a boolean (true/false), got " + skew.to_python_repr() + ".";
        report(e);
    }
    auto python = options.python_version ? options.python_version() : python_version.get();
    if (python) reader.set("python_version", node::string(*python, origin::of_default()));
    reader.setdefault("skip_venv_if_present", node::boolean(false, origin::of_default()));
    reader.setdefault("dry_run", node::boolean(false, origin::of_default()));
    reader.setdefault("model_endpoint_readiness_timeout_seconds", node::integer(600, origin::of_default()));

    std::error_code ec;
    fs::path working = fs::weakly_canonical(fs::path(cwd), ec);
    auto normalise_dir = [&](const char* key, const std::string& fallback) {
        node v = reader.setdefault(key, node::string(fallback, origin::of_default()));
        if (!v.is_string() || v.as_string().empty()) {
            config_error e;
            e.type = "ConfigError";
            e.message = std::string(key) + " must be a non-empty path string, got " + v.to_python_repr() + ".";
            report(e);
            return fallback;
        }
        std::string text = v.as_string();
        if (text == "~" || text.rfind("~/", 0) == 0)
            if (auto home = env("HOME")) text = *home + text.substr(1);
        fs::path p(text);
        if (p.is_relative()) p = fs::path(cwd) / p;
        std::error_code ec2;
        auto normal = fs::weakly_canonical(p, ec2);
        std::string out = (ec2 ? p.lexically_normal() : normal).string();
        if (out.size() > 1 && out.back() == '/') out.pop_back();
        node value = node::string(out, v.where());
        reader.set(key, value);
        return out;
    };
    normalise_dir("results_dir", (working / "results").string());
    std::string cache = normalise_dir("cache_dir", (working / "cache").string());
    reader.setdefault("uv_cache_dir", node::string(cache + "/uv", origin::of_default()));
    reader.setdefault("uv_venv_dir", node::string(working.string(), origin::of_default()));
}

}  // namespace ngd::config
