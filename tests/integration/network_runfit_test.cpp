// Will the run fit: the run's inputs (the collection's arguments and rows) against what the
// simulated OpenRouter says about the model — context window and output caps (model.context),
// tool support (model.tools), the cost against --max-cost and the key's credit
// (cost.estimate), requests in flight for a paid model (rate_limits) — and the local
// machine's ports (local.ports). Each judged setup gets its check failing or warning with a
// concrete value or model; a healthy setup gets no alarm from any of them.
#define BOOST_TEST_MODULE network_runfit
#include <boost/test/unit_test.hpp>

#include "report_pasteable.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

using namespace ngd;
using namespace ngd::itest;

namespace {

/// A folder with env.yaml (the simulator's default key) for `model` and data.jsonl.
struct run_folder {
    test::temp_dir dir;

    run_folder(const std::string& model, const std::string& rows)
    {
        write_env(dir, env_yaml(openrouter_base, default_key, model));
        dir.write("data.jsonl", rows);
    }
};

std::string row_of_input(const std::string& params_json)
{
    return R"({"responses_create_params":)" + params_json + R"(,"agent_ref":{"name":"simple_agent"}})" "\n";
}

/// `n` short questions, each asking for `max_output_tokens` when given.
std::string questions(int n, std::optional<int> max_output_tokens = std::nullopt)
{
    std::string rows;
    for (int i = 0; i < n; ++i)
        rows += row_of_input(R"({"input":[{"role":"user","content":"What is )" + std::to_string(i) + " + " +
                             std::to_string(3 * i) + R"(? Answer with the number only."}])" +
                             (max_output_tokens ? ",\"max_output_tokens\":" + std::to_string(*max_output_tokens) : "") +
                             "}");
    return rows;
}

const std::string small_model = "liquid/lfm-7b";  // 32,768 tokens, no tool support (docs/simulator.md)

const json::object& require_row(const doctor_run& run, const std::string& id, const std::string& target)
{
    const auto* row = row_of(run.report, id, target);
    BOOST_REQUIRE_MESSAGE(row, id << " for " << target << " is missing:\n" << run);
    return *row;
}

void expect_verdict(const doctor_run& run, const std::string& id, const std::string& target, const std::string& want)
{
    const auto& row = require_row(run, id, target);
    BOOST_CHECK_MESSAGE(verdict_matches(verdict_of(row), want),
                        id << ": got " << verdict_of(row) << ", expected " << want << "\n" << all_text(row));
}

std::string fix_commands(const json::object& row)
{
    std::string text;
    if (const auto* fix = row.if_contains("fix"); fix && fix->is_object())
        if (const auto* commands = fix->as_object().if_contains("commands"); commands && commands->is_array())
            for (const auto& c : commands->as_array()) text += std::string(c.as_string()) + "\n";
    return text;
}

/// A listening loopback socket on a port the system picks, closed on destruction.
struct held_port {
    int fd = -1;
    int port = 0;
    held_port()
    {
        fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        BOOST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        BOOST_REQUIRE(::listen(fd, 1) == 0);
        socklen_t size = sizeof a;
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &size);
        port = ntohs(a.sin_port);
    }
    ~held_port() { ::close(fd); }
};

const std::vector<std::string> new_checks{"run.inputs", "model.context", "model.tools", "cost.estimate",
                                          "provider.latency", "local.ports"};

}  // namespace

BOOST_AUTO_TEST_CASE(a_healthy_run_gets_no_alarm)
{
    test::simulator sim;
    run_folder f("openai/gpt-4o-mini", questions(40, 512));
    const auto run = check_all(sim, f.dir.path(), {"+input_jsonl_fpath=data.jsonl", "+num_samples_in_parallel=8",
                                                   "--max-cost", "5"});
    for (const auto& id : new_checks)
        expect_verdict(run, id, id == "run.inputs" || id == "local.ports" ? "config" : "policy", "ok");
    expect_verdict(run, "rate_limits", "policy", "ok");
    expect_mention(run, "config", "run.inputs", "40 rows");
    expect_mention(run, "policy", "model.context", "128,000-token window");
    expect_mention(run, "policy", "cost.estimate", "$");
    expect_pasteable(run.report, "healthy");
}

BOOST_AUTO_TEST_CASE(max_output_tokens_of_200000_on_a_32k_model_fails_model_context)
{
    test::simulator sim;
    run_folder f(small_model, questions(10));
    // Both the override and gym eval run's flag set it.
    for (const std::vector<std::string>& given :
         {std::vector<std::string>{"+input_jsonl_fpath=data.jsonl", "+responses_create_params.max_output_tokens=200000"},
          std::vector<std::string>{"--input", "data.jsonl", "--max-output-tokens", "200000"}}) {
        const auto run = check_all(sim, f.dir.path(), given);
        expect_verdict(run, "model.context", "policy", "fail/config");
        expect_mention(run, "policy", "model.context", "32,768-token window");
        expect_mention(run, "policy", "model.context", "200,000");
        const auto commands = fix_commands(require_row(run, "model.context", "policy"));
        // A value that fits, ready to paste: the window less the largest prompt, rounded.
        BOOST_CHECK_MESSAGE(commands.find("++responses_create_params.max_output_tokens=31744") != std::string::npos,
                            commands);
        expect_pasteable(run.report, "200000 on 32k");
    }
}

BOOST_AUTO_TEST_CASE(prompts_that_overflow_a_small_model_fail_with_their_file_and_line)
{
    test::simulator sim;
    std::string rows = questions(3, 256);
    // 150,000 characters: over 32,768 tokens by any tokenizer.
    rows += row_of_input(R"({"input":")" + std::string(150'000, 'a') + R"(","max_output_tokens":256})");
    run_folder f(small_model, rows);
    const auto run = check_all(sim, f.dir.path(), {"+input_jsonl_fpath=data.jsonl", "+num_samples_in_parallel=4"});
    expect_verdict(run, "model.context", "policy", "fail/config");
    expect_mention(run, "policy", "model.context", "1 of 4 rows");
    expect_mention(run, "policy", "model.context", "data.jsonl:4");
    expect_mention(run, "policy", "model.context", "vllm_model");
    // A model of the catalog with a window that holds the largest row.
    const auto& row = require_row(run, "model.context", "policy");
    const auto text = all_text(row);
    BOOST_CHECK_MESSAGE(text.find("larger window: ") != std::string::npos, text);
    expect_pasteable(run.report, "overflowing prompts");
}

BOOST_AUTO_TEST_CASE(tools_on_a_model_without_tool_support_fail_model_tools)
{
    test::simulator sim;
    std::string rows;
    for (int i = 0; i < 5; ++i)
        rows += row_of_input(R"({"input":"Weather in city )" + std::to_string(i) +
                             R"(?","tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}}],"max_output_tokens":256})");
    run_folder f(small_model, rows);
    const auto run = check_all(sim, f.dir.path(), {"+input_jsonl_fpath=data.jsonl", "+num_samples_in_parallel=4"});
    expect_verdict(run, "model.tools", "policy", "fail/http_404");
    expect_mention(run, "policy", "model.tools", "No endpoints found that support tool use");
    expect_mention(run, "policy", "model.tools", "data.jsonl:1");
    // Named alternatives take tools (the simulator's meta-llama models do).
    expect_mention(run, "policy", "model.tools", "similar price and context: ");
    // The same rows on a model with tools pass.
    run_folder good("openai/gpt-4o-mini", rows);
    const auto fine = check_all(sim, good.dir.path(), {"+input_jsonl_fpath=data.jsonl", "+num_samples_in_parallel=4"});
    expect_verdict(fine, "model.tools", "policy", "ok");
    expect_pasteable(run.report, "tools");
}

BOOST_AUTO_TEST_CASE(an_unbounded_paid_run_warns_in_rate_limits_with_a_value)
{
    test::simulator sim;
    run_folder f("openai/gpt-4o-mini", questions(200, 256));
    const auto run = check_all(sim, f.dir.path(), {"+input_jsonl_fpath=data.jsonl"});
    expect_verdict(run, "rate_limits", "policy", "warn");
    expect_mention(run, "policy", "rate_limits", "num_samples_in_parallel=32");
    expect_mention(run, "policy", "rate_limits", "retries every 429");
    const auto bounded = check_all(sim, f.dir.path(), {"+input_jsonl_fpath=data.jsonl", "--concurrency", "16"});
    expect_verdict(bounded, "rate_limits", "policy", "ok");
    expect_pasteable(run.report, "unbounded");
}

BOOST_AUTO_TEST_CASE(an_estimate_over_the_credit_left_or_max_cost_warns_cost_estimate)
{
    test::simulator sim;  // the default key: $100.00 limit, $74.50 left
    run_folder f("openai/gpt-4o", questions(1000));
    // 1,000 rows x 16,000 output tokens x $10 per million = $160 at most.
    const auto run = check_all(sim, f.dir.path(), {"+input_jsonl_fpath=data.jsonl", "+num_samples_in_parallel=16",
                                                   "+responses_create_params.max_output_tokens=16000"});
    expect_verdict(run, "cost.estimate", "policy", "warn");
    expect_mention(run, "policy", "cost.estimate", "$160.");
    expect_mention(run, "policy", "cost.estimate", "$74.50 left");
    expect_mention(run, "policy", "cost.estimate", "++responses_create_params.max_output_tokens=7168");
    expect_mention(run, "policy", "cost.estimate", "cheaper model: ");

    const auto capped = check_all(sim, f.dir.path(), {"+input_jsonl_fpath=data.jsonl", "--concurrency", "16",
                                                      "--max-output-tokens", "500", "--max-cost", "1"});
    expect_verdict(capped, "cost.estimate", "policy", "warn");
    expect_mention(capped, "policy", "cost.estimate", "over --max-cost $1.00");
    const auto within = check_all(sim, f.dir.path(), {"+input_jsonl_fpath=data.jsonl", "--concurrency", "16",
                                                      "--max-output-tokens", "500", "--max-cost", "10"});
    expect_verdict(within, "cost.estimate", "policy", "ok");
    expect_pasteable(run.report, "over credit");
    expect_pasteable(capped.report, "over max cost");
}

BOOST_AUTO_TEST_CASE(a_port_in_use_fails_local_ports)
{
    const held_port taken;
    run_folder f("openai/gpt-4o-mini", questions(2, 64));
    const auto run = run_ngdoctor({"check", "local.ports", "--json", "++head_server.port=" + std::to_string(taken.port)},
                                  f.dir.path());
    doctor_run r{run, nullptr};
    boost::system::error_code error;
    r.report = json::parse(run.out, error);
    BOOST_REQUIRE_MESSAGE(!error, run.out << run.err);
    expect_verdict(r, "local.ports", "config", "fail/config");
    expect_mention(r, "config", "local.ports", "port " + std::to_string(taken.port));
    expect_mention(r, "config", "local.ports", "already in use");
    // This test's own process holds it, and the system shows that.
    expect_mention(r, "config", "local.ports", "pid " + std::to_string(::getpid()));
    expect_mention(r, "config", "local.ports", "++head_server.port=");
    expect_pasteable(r.report, "port in use");
}

BOOST_AUTO_TEST_CASE(a_slow_provider_warns_provider_latency_and_names_the_faster_one)
{
    // openai's endpoint of gpt-4o-mini writes 2 tokens a second; azure's keeps its default pace.
    test::simulator sim(R"({"catalog":{"update":{"openai/gpt-4o-mini":{"endpoints":[
        {"tag":"openai","throughput_last_30m":{"p50":2,"p75":1.5,"p90":1,"p99":0.5}},
        {"tag":"azure"}]}}}})");
    run_folder f("openai/gpt-4o-mini", questions(20, 4096));
    const auto run = check_all(sim, f.dir.path(), {"+input_jsonl_fpath=data.jsonl", "+num_samples_in_parallel=4"});
    expect_verdict(run, "provider.latency", "policy", "warn");
    expect_mention(run, "policy", "provider.latency", "no timeout");
    expect_mention(run, "policy", "provider.latency", "extra_body.provider.order: [azure]");
    // 10 minutes at 2 tokens a second, less the first token: a concrete, smaller value.
    expect_mention(run, "policy", "provider.latency", "++responses_create_params.max_output_tokens=1024");
    expect_pasteable(run.report, "slow provider");
}

BOOST_AUTO_TEST_CASE(throughput_is_shown_to_the_key_only)
{
    test::simulator sim;
    run_folder f("openai/gpt-4o-mini", questions(5, 256));
    // A key OpenRouter does not know: the endpoints answer with throughput null (openrouter-api spec).
    write_env(f.dir, env_yaml(openrouter_base, fake_key(7), "openai/gpt-4o-mini"));
    const auto run = check_all(sim, f.dir.path(), {"+input_jsonl_fpath=data.jsonl", "+num_samples_in_parallel=4"});
    expect_verdict(run, "provider.latency", "policy", "skip");
    BOOST_TEST(run.raw.out.find(fake_key(7)) == std::string::npos);
    BOOST_TEST(run.raw.err.find(fake_key(7)) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_free_router_shares_the_free_models_limits)
{
    test::simulator sim;
    run_folder f("openrouter/free", questions(50, 256));
    const auto run = check_all(sim, f.dir.path(), {"+input_jsonl_fpath=data.jsonl", "+num_samples_in_parallel=100"});
    expect_verdict(run, "model.availability", "policy", "ok");
    expect_verdict(run, "rate_limits", "policy", "warn");
    expect_mention(run, "policy", "rate_limits", "20 requests a minute");
    // The recheck keeps the run's own arguments and proposes a value within the limit.
    expect_mention(run, "policy", "rate_limits", "input_jsonl_fpath=data.jsonl ");
    expect_mention(run, "policy", "rate_limits", "num_samples_in_parallel=5");
    expect_verdict(run, "cost.estimate", "policy", "ok");
    expect_mention(run, "policy", "cost.estimate", "$0.00");
}

BOOST_AUTO_TEST_CASE(a_malformed_row_fails_run_inputs_with_its_file_and_line)
{
    run_folder f("openai/gpt-4o-mini", questions(2) + R"({"agent_ref":{"name":"simple_agent"}})" "\n" + questions(1));
    const auto raw = run_ngdoctor({"check", "run.inputs", "--offline", "--json", "--input", "data.jsonl"}, f.dir.path());
    doctor_run run{raw, nullptr};
    boost::system::error_code error;
    run.report = json::parse(raw.out, error);
    BOOST_REQUIRE_MESSAGE(!error, raw.out << raw.err);
    expect_verdict(run, "run.inputs", "config", "fail/config");
    expect_mention(run, "config", "run.inputs", "data.jsonl:3");
    expect_mention(run, "config", "run.inputs", "KeyError: 'responses_create_params'");
}

BOOST_AUTO_TEST_CASE(the_prompt_cost_of_a_generated_dataset_is_within_the_documented_error)
{
    // docs/checks/cost.estimate.md: for prose, the estimated prompt cost is the exact prompt
    // tokens x price times 1.0 to 1.5. "Exact" here is the simulator's own count, 4
    // characters a token (tools/simulator/inference_routes.cpp).
    const std::vector<std::string> words{"rollout", "model", "the", "agent", "reward", "of", "a", "verifier",
                                         "sends", "each", "row", "to", "window", "tokens", "and"};
    std::string rows;
    std::int64_t exact_tokens = 0;
    std::uint64_t state = 12345;
    for (int i = 0; i < 200; ++i) {
        std::string text;
        const int length = 200 + i * 37;
        while (static_cast<int>(text.size()) < length) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            text += words[(state >> 33) % words.size()] + " ";
        }
        exact_tokens += static_cast<std::int64_t>((text.size() + 3) / 4);
        rows += row_of_input(R"({"input":")" + text + R"(","max_output_tokens":64})");
    }
    test::simulator sim;
    run_folder f("openai/gpt-4o-mini", rows);  // $0.15 per million prompt tokens
    const auto run = check_all(sim, f.dir.path(), {"+input_jsonl_fpath=data.jsonl", "--concurrency", "8"});
    const auto text = all_text(require_row(run, "cost.estimate", "policy"));
    const auto at = text.find("prompt cost $");
    BOOST_REQUIRE_MESSAGE(at != std::string::npos, text);
    const double estimated = std::stod(text.substr(at + 13));
    const double exact = double(exact_tokens) * 0.00000015;
    BOOST_TEST_MESSAGE("estimated $" << estimated << ", exact $" << exact);
    BOOST_CHECK_MESSAGE(estimated >= exact * 0.995 && estimated <= exact * 1.5,
                        "estimated $" << estimated << " against exact $" << exact);
}

BOOST_AUTO_TEST_CASE(inference_providers_default_of_1000_requests_in_flight_warns)
{
    test::simulator sim;
    run_folder f("openai/gpt-4o-mini", questions(100, 128));
    // The documented OpenRouter path (nemo-gym spec §3.6): num_concurrent_requests defaults to 1000.
    f.dir.write("configs/openrouter.yaml", "policy_model:\n"
                                           "  responses_api_models:\n"
                                           "    inference_provider:\n"
                                           "      entrypoint: app.py\n"
                                           "      base_url: ${policy_base_url}\n"
                                           "      api_key: ${policy_api_key}\n"
                                           "      model: ${policy_model_name}\n");
    const auto run = check_all(sim, f.dir.path(), {"+config_paths=[configs/openrouter.yaml]",
                                                   "+input_jsonl_fpath=data.jsonl"});
    expect_verdict(run, "rate_limits", "policy_model", "warn");
    expect_mention(run, "policy_model", "rate_limits", "num_concurrent_requests = 1000");
    expect_mention(run, "policy_model", "rate_limits", "++config_paths=[configs/openrouter.yaml]");
    expect_mention(run, "policy_model", "rate_limits", "num_samples_in_parallel=32");
    expect_pasteable(run.report, "inference_provider default");
    const auto bounded = check_all(sim, f.dir.path(), {"+config_paths=[configs/openrouter.yaml]",
                                                       "+input_jsonl_fpath=data.jsonl", "--concurrency", "16"});
    expect_verdict(bounded, "rate_limits", "policy_model", "ok");
}

BOOST_AUTO_TEST_CASE(structured_output_on_a_model_without_it_fails_model_tools)
{
    test::simulator sim;
    run_folder f(small_model,
                 row_of_input(R"({"input":"Name a colour.","text":{"format":{"type":"json_schema","name":"colour","schema":{"type":"object"}}},"max_output_tokens":64})"));
    const auto run = check_all(sim, f.dir.path(), {"+input_jsonl_fpath=data.jsonl", "--concurrency", "4"});
    expect_verdict(run, "model.tools", "policy", "fail/config");
    expect_mention(run, "policy", "model.tools", "structured-output format");
}

BOOST_AUTO_TEST_CASE(a_prompt_near_the_window_warns_model_context)
{
    test::simulator sim;
    // About 30,000 estimated tokens of the 32,768: over 90 %, under the window.
    run_folder f(small_model, row_of_input(R"({"input":")" + std::string(90'000, 'b') + R"(","max_output_tokens":100})"));
    const auto run = check_all(sim, f.dir.path(), {"+input_jsonl_fpath=data.jsonl", "--concurrency", "4"});
    expect_verdict(run, "model.context", "policy", "warn");
    expect_mention(run, "policy", "model.context", "90 %");
    expect_pasteable(run.report, "near the window");
}
