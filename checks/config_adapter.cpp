// config.adapter: the model server adapters the config names exist, have their base URL,
// key and model keys, and talk to an API the host serves (openai_model calls
// {base}/responses, which most hosts other than OpenAI and OpenRouter do not have).
#include "checks/shell_command.hpp"
#include "checks/checks.hpp"

#include "checks/common.hpp"
#include "config/difflib.hpp"
#include "doctor/run_context.hpp"

#include <array>

namespace ngd::checks {
namespace {

using net::error_class;

struct adapter_keys {
    std::string_view name;
    std::array<std::string_view, 3> required;  // base URL, key, model
};

constexpr std::array<adapter_keys, 3> known_adapters{{
    {"openai_model", {"openai_base_url", "openai_api_key", "openai_model"}},
    {"inference_provider", {"base_url", "api_key", "model"}},
    {"vllm_model", {"base_url", "api_key", "model"}},
}};

const adapter_keys* find_adapter(std::string_view name)
{
    for (auto& a : known_adapters)
        if (a.name == name) return &a;
    return nullptr;
}

struct verdicts {
    std::vector<std::string> failures, warnings, notes;
    doctor::fix remedy;
    void fail(std::string text, doctor::fix f)
    {
        if (failures.empty()) remedy = std::move(f);
        failures.push_back(std::move(text));
    }
    void warn(std::string text, doctor::fix f)
    {
        if (failures.empty() && warnings.empty()) remedy = std::move(f);
        warnings.push_back(std::move(text));
    }
};

// NeMo Gym reaches OpenRouter through openai_model or inference_provider's openrouter.yaml;
// an adapter named after OpenRouter is a user's invention, even when its files were
// copied into place (NeMo Gym ships no such app).
bool invented_openrouter_adapter(std::string_view name)
{
    return name.find("openrouter") != std::string_view::npos;
}

const char* no_openrouter_adapter =
    "NeMo Gym has no OpenRouter adapter: use responses_api_models/openai_model (the Responses API, "
    "openai_base_url / openai_api_key / openai_model) or responses_api_models/inference_provider with "
    "configs/openrouter.yaml (chat completions, the documented OpenRouter path)";

/// `responses_api_models/<name>/...` entries of config_paths whose file was not found, or
/// that name an OpenRouter adapter NeMo Gym does not have.
void missing_adapter_paths(const config::resolution& r, verdicts& v)
{
    for (auto& path : r.config_paths) {
        const std::string prefix = "responses_api_models/";
        auto at = path.find(prefix);
        if (at != 0 && (at == std::string::npos || path[at - 1] != '/')) continue;
        std::string name = path.substr(at + prefix.size());
        name = name.substr(0, name.find('/'));
        if (find_adapter(name) || name == "dummy_model") continue;
        if (invented_openrouter_adapter(name)) {
            v.fail("config path " + path + " names the adapter '" + name + "', which NeMo Gym does not have "
                   "(whatever files exist there)",
                   {no_openrouter_adapter,
                    {"ngdoctor dump-config \"+config_paths=[responses_api_models/inference_provider/configs/"
                     "openrouter.yaml]\""}});
            continue;
        }
        bool missing = false;
        for (auto& e : r.errors)
            missing = missing || (e.type == "ConfigPathNotFoundError" && e.message.find("'" + path + "'") != std::string::npos);
        if (!missing) continue;
        std::vector<std::string> names;
        for (auto& a : known_adapters) names.emplace_back(a.name);
        auto close = config::close_matches(name, names, 1, 0.5);
        std::string suggestion = close.empty() ? "openai_model" : close.front();
        v.fail("config path " + path + " names the adapter '" + name + "', which NeMo Gym does not have",
               {"NeMo Gym talks to OpenRouter through responses_api_models/openai_model (OpenAI Responses API) or "
                "responses_api_models/inference_provider (Chat Completions); use " + suggestion + "'s config",
                {"ngdoctor dump-config \"+config_paths=[responses_api_models/" + suggestion + "/configs/" +
                 (suggestion == "inference_provider" ? std::string("openrouter") : suggestion) + ".yaml]\""}});
    }
}

std::string text_of(const config::node* n)
{
    if (!n || n->is_null()) return "";
    if (n->is_string() || n->type() == config::node::kind::unresolved) return n->as_string();
    if (n->is_list() && !n->items().empty()) return text_of(&n->items().front());
    return n->to_python_str();
}

bool serves_responses_api(const std::string& host)
{
    return host == "api.openai.com" || is_openrouter_host(host) || host.ends_with(".openai.azure.com");
}

void check_server(const std::string& name, const std::string& impl, const config::node& inner,
                  const config::node* written_inner, verdicts& v)
{
    const adapter_keys* adapter = find_adapter(impl);
    if (!adapter && invented_openrouter_adapter(impl)) {
        v.fail(name + " uses the adapter '" + impl + "', which NeMo Gym does not have", {no_openrouter_adapter, {}});
        return;
    }
    if (!adapter) {
        if (impl != "dummy_model")
            v.notes.push_back(name + " uses the adapter '" + impl + "'; ngdoctor reads base URL, key and model only for "
                              "openai_model, inference_provider and vllm_model");
        return;
    }
    std::vector<misnamed_key> renames;
    for (auto key : adapter->required) {
        const config::node* value = inner.find(key);
        std::string path = name + ".responses_api_models." + impl + "." + std::string(key);
        if (!value) {
            if (auto m = find_misnamed(impl, inner, key, written_inner)) {
                renames.push_back(std::move(*m));
                continue;
            }
        }
        if (!value)
            v.fail(name + " (" + impl + ") has no " + std::string(key),
                   {impl + " needs " + std::string(key) + "; add it to the server's config or env.yaml",
                    {prompt_then_dump_config(path)}});
        else if (value->type() == config::node::kind::unresolved)
            v.notes.push_back(path + " does not resolve (see config.resolve)");
        else if (value->is_null() || (value->is_string() && value->as_string().empty()))
            v.fail(name + " (" + impl + "): " + std::string(key) + " is empty" +
                       (value->where().text().empty() ? "" : " (" + value->where().text() + ")"),
                   {"set " + std::string(key) + " (usually through policy_base_url / policy_api_key / "
                    "policy_model_name in env.yaml)",
                    {}});
    }
    if (!renames.empty()) {
        std::string written, wanted, edits;
        for (const auto& m : renames) {
            written += (written.empty() ? "" : ", ") + m.written;
            wanted += (wanted.empty() ? "" : ", ") + m.wanted;
            edits += (edits.empty() ? "" : "; ") + rename_text(m);
        }
        const std::string other = impl == "openai_model" ? "inference_provider" : "openai_model";
        v.fail(name + " (" + impl + ") writes " + written + ", which " + impl + " does not read: it reads " + wanted,
               {"rename " + std::string(renames.size() == 1 ? "this key" : renames.size() == 2 ? "these two keys"
                                                                                                : "these three keys") +
                    ": " + edits + "; the values stay as they are (or use " + other + ", which reads " + written +
                    ")",
                {}});
    }
    if (impl != "openai_model") return;
    std::string base = text_of(inner.find("openai_base_url"));
    std::string host = host_of(base);
    if (host.empty() || serves_responses_api(host)) return;
    while (!base.empty() && base.back() == '/') base.pop_back();
    v.warn(name + " uses openai_model, which sends every request to " + base + "/responses (the Responses API); " +
               host + " may serve only /chat/completions and answer 404",
           {"for a Chat Completions host use responses_api_models/inference_provider (or vllm_model for a vLLM "
            "server); keep openai_model only if this host implements /responses (a 404 below means it does not)",
            {"curl -sS -o /dev/null -w '%{http_code}\\n' -X POST " + shell_word(base + "/responses") +
             " -H \"Authorization: Bearer $OPENROUTER_API_KEY\" -H 'Content-Type: application/json' "
             "-d '{}'"}});
}

}  // namespace

result config_adapter(check_context& ctx)
{
    const auto& r = ctx.run.config;
    verdicts v;
    missing_adapter_paths(r, v);
    std::size_t servers = 0;
    if (r.root.is_map()) {
        for (auto& [name, value] : r.root.entries()) {
            const config::node* models = value.is_map() ? value.find("responses_api_models") : nullptr;
            if (!models || !models->is_map()) continue;
            for (auto& [impl, inner] : models->entries()) {
                if (!inner.is_map()) continue;
                ++servers;
                check_server(name, impl, inner, r.unresolved_root.find_path(name + ".responses_api_models." + impl), v);
            }
        }
    }
    std::vector<std::string> details;
    if (!v.failures.empty()) {
        details.insert(details.end(), v.failures.begin() + 1, v.failures.end());
        details.insert(details.end(), v.warnings.begin(), v.warnings.end());
        details.insert(details.end(), v.notes.begin(), v.notes.end());
        co_return doctor::fail(v.failures.front(), error_class::config, v.remedy, details);
    }
    if (!v.warnings.empty()) {
        details.insert(details.end(), v.warnings.begin() + 1, v.warnings.end());
        details.insert(details.end(), v.notes.begin(), v.notes.end());
        co_return doctor::warn(v.warnings.front(), v.remedy, details);
    }
    if (servers == 0)
        co_return doctor::ok("no model server in the config; the policy_* values are the only target", v.notes);
    co_return doctor::ok(std::to_string(servers) + " model server(s) use a known adapter with base URL, key and model set",
                         v.notes);
}

}  // namespace ngd::checks
