#include "doctor/run_inputs.hpp"

#include "config/search_roots.hpp"
#include "doctor/token_estimate.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>

namespace ngd::doctor {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;
using config::node;

constexpr std::size_t problems_kept = 5;

std::optional<std::int64_t> int_of(const node* n)
{
    if (!n) return std::nullopt;
    if (n->type() == node::kind::integer) return n->as_int();
    if (n->is_string()) {
        const auto& s = n->as_string();
        if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos && s.size() < 18)
            return std::stoll(s);
    }
    return std::nullopt;
}

template <class T>
run_setting<T> setting_of(const node& root, std::string_view path, std::optional<T> (*read)(const node*))
{
    run_setting<T> s;
    const node* n = root.find_path(path);
    if (!n || n->is_null()) return s;
    s.value = read(n);
    s.where = n->where().text();
    return s;
}

std::optional<std::string> string_of(const node* n)
{
    if (!n || !n->is_string()) return std::nullopt;
    return n->as_string();
}

/// num_repeats: a number for every row, or a dict keyed by agent name with `_default`.
struct repeats_rule {
    std::int64_t all = 1;
    std::map<std::string, std::int64_t, std::less<>> by_agent;
    std::optional<std::int64_t> fallback;
    bool per_agent = false;

    std::optional<std::int64_t> for_agent(std::string_view agent) const
    {
        if (!per_agent) return all;
        if (auto it = by_agent.find(agent); it != by_agent.end()) return it->second;
        return fallback;
    }
};

std::optional<std::string> read_repeats(const node* n, repeats_rule& rule)
{
    if (!n || n->is_null()) return std::nullopt;
    if (auto v = int_of(n)) {
        if (*v < 1) return "num_repeats = " + std::to_string(*v) + ": NeMo Gym wants at least 1";
        rule.all = *v;
        return std::nullopt;
    }
    if (!n->is_map()) return "num_repeats = " + n->to_python_str() + ": NeMo Gym wants a number or {agent: N, _default: N}";
    rule.per_agent = true;
    for (const auto& [agent, value] : n->entries()) {
        const auto v = int_of(&value);
        if (!v || *v < 1) return "num_repeats." + agent + " = " + value.to_python_str() + ": NeMo Gym wants a number of at least 1";
        if (agent == "_default")
            rule.fallback = *v;
        else
            rule.by_agent[agent] = *v;
    }
    return std::nullopt;
}

/// The keys of the config's `responses_create_params` that matter here, merged over each row's.
struct merged_params {
    std::optional<std::int64_t> max_output_tokens;
    bool sets_tools = false, sets_tool_choice = false, sets_text = false;
};

bool asks_structured(const json::value* text)
{
    if (!text || !text->is_object()) return false;
    const auto* format = text->as_object().if_contains("format");
    if (!format || !format->is_object()) return false;
    const auto* type = format->as_object().if_contains("type");
    return type && type->is_string() && (type->as_string() == "json_schema" || type->as_string() == "json_object");
}

// "auto" is what a request with tools does anyway and "none" sends no tool: only "required"
// or a named function asks the endpoint for tool_choice support.
bool chooses_tool(const json::value* choice)
{
    if (!choice || choice->is_null()) return false;
    if (choice->is_string()) return choice->as_string() == "required";
    return choice->is_object();
}

std::optional<std::int64_t> json_int(const json::value* v)
{
    if (!v) return std::nullopt;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
    return std::nullopt;
}

struct reader {
    run_inputs& out;
    const repeats_rule& repeats;
    const merged_params& merged;
    std::int64_t template_tokens = 0;
    bool agent_required = false;  // input_jsonl_fpath rows name their agent, or --agent does

    void problem(const input_file& f, std::int64_t line, std::string what)
    {
        ++out.malformed;
        if (out.problems.size() < problems_kept) out.problems.push_back({f.path + ":" + std::to_string(line), std::move(what)});
    }

    void read(std::uint32_t index, std::optional<std::int64_t> limit, const std::string& default_agent)
    {
        input_file& f = out.files[index];
        std::ifstream in(f.opened, std::ios::binary);
        if (!in) return;
        f.found = true;
        std::string line;
        std::int64_t number = 0;
        while ((!limit || number < *limit) && std::getline(in, line)) {
            ++number;
            if (!line.empty() && line.back() == '\r') line.pop_back();
            boost::system::error_code ec;
            json::value row = json::parse(line, ec);
            if (ec) {
                ++f.malformed;
                problem(f, number, "not valid JSON (" + ec.message() + "); NeMo Gym stops with a JSONDecodeError");
                continue;
            }
            if (!row.is_object()) {
                ++f.malformed;
                problem(f, number, "not a JSON object");
                continue;
            }
            const auto& o = row.as_object();
            const auto* params = o.if_contains("responses_create_params");
            if (!params || !params->is_object()) {
                ++f.malformed;
                problem(f, number, params ? "responses_create_params is not an object"
                                          : "no responses_create_params: NeMo Gym stops with KeyError: "
                                            "'responses_create_params'");
                continue;
            }
            std::string agent = default_agent;
            if (const auto* ref = o.if_contains("agent_ref"); ref && ref->is_object())
                if (const auto* name = ref->as_object().if_contains("name"); name && name->is_string())
                    agent = name->as_string();
            if (agent_required && agent.empty()) {
                ++f.malformed;
                problem(f, number, "no agent_ref and no --agent (+agent_name): NeMo Gym stops with ValueError "
                                   "\"No agent specified for rows [...]\"");
                continue;
            }
            const auto times = repeats.for_agent(agent);
            if (!times) {
                ++f.malformed;
                problem(f, number, "agent '" + agent + "' is not in num_repeats, which has no _default: NeMo Gym "
                                   "stops with a ValueError");
                continue;
            }
            const auto& p = params->as_object();
            input_row r;
            r.file = index;
            r.line = number;
            r.prompt_tokens = estimate_prompt_tokens(p) + template_tokens;
            r.max_output_tokens = merged.max_output_tokens ? merged.max_output_tokens : json_int(p.if_contains("max_output_tokens"));
            r.repeats = *times;
            r.tools = merged.sets_tools || [&] {
                const auto* tools = p.if_contains("tools");
                return tools && tools->is_array() && !tools->as_array().empty();
            }();
            r.tool_choice = merged.sets_tool_choice || chooses_tool(p.if_contains("tool_choice"));
            r.structured = merged.sets_text || asks_structured(p.if_contains("text"));
            out.rows.push_back(r);
            ++f.rows;
        }
    }
};

std::int64_t file_tokens(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) return 0;
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return estimate_text_tokens(text);
}

}  // namespace

std::int64_t run_inputs::rollouts() const
{
    std::int64_t n = 0;
    for (const auto& r : rows) n += r.repeats;
    return n;
}

std::string run_inputs::where(const input_row& row) const
{
    return (row.file < files.size() ? files[row.file].path : std::string("?")) + ":" + std::to_string(row.line);
}

run_inputs read_run_inputs(const config::resolution& config, const config::env_lookup& env)
{
    run_inputs out;
    const node& root = config.root;
    out.input_jsonl_fpath = setting_of<std::string>(root, "input_jsonl_fpath", string_of);
    out.limit = setting_of<std::int64_t>(root, "limit", int_of);
    out.num_samples_in_parallel = setting_of<std::int64_t>(root, "num_samples_in_parallel", int_of);
    out.max_output_tokens = setting_of<std::int64_t>(root, "responses_create_params.max_output_tokens", int_of);
    out.prompt_config = setting_of<std::string>(root, "prompt_config", string_of);
    if (const auto* agent = root.find("agent_name"); agent && agent->is_string()) out.agent_name = agent->as_string();

    repeats_rule repeats;
    if (const auto* n = root.find("num_repeats"); n && !n->is_null()) {
        out.num_repeats_text = n->to_python_str();
        out.num_repeats_where = n->where().text();
        out.error = read_repeats(n, repeats);
    }
    if (out.limit.value && *out.limit.value < 0) out.error = "limit = " + std::to_string(*out.limit.value) + " is negative";
    if (out.num_samples_in_parallel.value && *out.num_samples_in_parallel.value < 1)
        out.error = "num_samples_in_parallel = " + std::to_string(*out.num_samples_in_parallel.value) +
                    ": an asyncio.Semaphore below 1 never lets a request through";

    merged_params merged;
    merged.max_output_tokens = out.max_output_tokens.value;
    if (const auto* params = root.find("responses_create_params"); params && params->is_map()) {
        merged.sets_tools = params->find("tools") && !params->find("tools")->is_null();
        const node* choice = params->find("tool_choice");
        merged.sets_tool_choice = choice && ((choice->is_string() && choice->as_string() == "required") || choice->is_map());
        merged.sets_text = params->find("text") && params->find("text")->is_map();
    }

    const std::string cwd = config.cwd.empty() ? std::filesystem::current_path().string() : config.cwd;
    const auto roots = config::search_roots({}, env ? env("NEMO_GYM_EXTRA_ROOTS").value_or("") : "", cwd);
    auto opened = [&](const std::string& path) { return config::resolve_under_roots(path, roots, cwd); };

    reader r{out, repeats, merged};
    if (out.prompt_config.value) {
        const auto path = opened(*out.prompt_config.value);
        r.template_tokens = file_tokens(path);
        if (!std::filesystem::exists(path))
            out.notes.push_back("prompt_config " + *out.prompt_config.value + " not found; the rows' own input is counted");
    }

    if (out.input_jsonl_fpath.value) {
        out.files.push_back({*out.input_jsonl_fpath.value, opened(*out.input_jsonl_fpath.value), "input_jsonl_fpath"});
        r.agent_required = true;
        r.read(0, out.limit.value, out.agent_name);
        return out;
    }
    // No input file: what `gym eval run` would prepare from the agents' datasets.
    for (const auto& name : config.server_instances) {
        const node* instance = root.find(name);
        const node* agents = instance && instance->is_map() ? instance->find("responses_api_agents") : nullptr;
        if (!agents || !agents->is_map() || agents->entries().empty()) continue;
        const node& inner = agents->entries().front().second;
        const node* datasets = inner.is_map() ? inner.find("datasets") : nullptr;
        if (!datasets || !datasets->is_list()) continue;
        for (const auto& d : datasets->items()) {
            const node* path = d.is_map() ? d.find("jsonl_fpath") : nullptr;
            if (!path || !path->is_string()) continue;
            const node* dname = d.find("name");
            const std::string label = "dataset '" + (dname && dname->is_string() ? dname->as_string() : std::string("?")) +
                                      "' of agent " + name;
            out.files.push_back({path->as_string(), opened(path->as_string()), label});
            r.read(static_cast<std::uint32_t>(out.files.size() - 1), out.limit.value, name);
            if (!out.files.back().found)
                out.notes.push_back(label + ": " + path->as_string() + " is not there yet (gym eval prepare or a "
                                    "dataset download writes it)");
        }
    }
    return out;
}

struct run_inputs_once::state {
    std::optional<run_inputs> value;
    std::unique_ptr<asio::steady_timer> ready;
};

void run_inputs_once::put(run_inputs inputs)
{
    state_ = std::make_shared<state>();
    state_->value = std::move(inputs);
}

asio::awaitable<const run_inputs*> run_inputs_once::get(const config::resolution& config, const config::env_lookup& env)
{
    if (state_ && state_->value) co_return &*state_->value;
    if (state_) {
        auto s = state_;
        boost::system::error_code ec;
        while (!s->value) co_await s->ready->async_wait(asio::redirect_error(asio::use_awaitable, ec));
        co_return &*s->value;
    }
    auto s = state_ = std::make_shared<state>();
    s->ready = std::make_unique<asio::steady_timer>(co_await asio::this_coro::executor,
                                                    asio::steady_timer::time_point::max());
    run_inputs read;
    {
        // A thread of its own: a large JSONL must not hold up the requests in flight.
        asio::thread_pool pool(1);
        try {
            read = co_await asio::co_spawn(
                pool, [&]() -> asio::awaitable<run_inputs> { co_return read_run_inputs(config, env); },
                asio::use_awaitable);
        } catch (const std::exception& e) {
            read = run_inputs{};
            read.error = std::string("the inputs could not be read: ") + e.what();
        }
        pool.join();
    }
    s->value = std::move(read);
    // Wake the waiters, then let the timer go now: the state can outlive the io_context
    // (it sits in the run context), and a timer must not be destroyed after its context.
    s->ready->cancel();
    s->ready.reset();
    co_return &*s->value;
}

}  // namespace ngd::doctor
