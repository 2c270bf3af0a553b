#pragma once
/// What a rollout collection will send, read before it starts: the collection arguments
/// (`input_jsonl_fpath`, `limit`, `num_repeats`, `num_samples_in_parallel`, the
/// `responses_create_params` merged into every row), and the rows of the input JSONL, or of
/// the agents' datasets when no input file is named. The JSONL is streamed; each row keeps
/// only the few numbers the checks need.
#include "config/resolve.hpp"

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ngd::doctor {

/// A config value the collection reads, and where it was set ("override", "env.yaml:4").
template <class T>
struct run_setting {
    std::optional<T> value;
    std::string where;
};

/// One JSONL file the run would read.
struct input_file {
    std::string path;    ///< as written in the config
    std::string opened;  ///< the path resolved under the search roots
    std::string source;  ///< "input_jsonl_fpath" or "dataset 'example' of agent simple_agent"
    bool found = false;
    std::int64_t rows = 0;       ///< well-formed rows read (after `limit`)
    std::int64_t malformed = 0;  ///< rows NeMo Gym would stop on
};

/// One well-formed row, reduced to what the checks compare.
struct input_row {
    std::uint32_t file = 0;  ///< index into run_inputs::files
    std::int64_t line = 0;   ///< 1-based line in that file
    std::int64_t prompt_tokens = 0;  ///< estimate_prompt_tokens (plus the prompt config's text)
    std::optional<std::int64_t> max_output_tokens;  ///< after the collection's merge
    std::int64_t repeats = 1;  ///< num_repeats for this row's agent
    bool tools = false;        ///< sends `tools`
    bool tool_choice = false;  ///< sends `tool_choice` "required" or a named function
    bool structured = false;   ///< asks for structured output (`text.format` json_schema / json_object)
};

/// A row NeMo Gym would fail on: "data.jsonl:7", and what is wrong with it.
struct input_problem {
    std::string where;
    std::string what;
};

struct run_inputs {
    run_setting<std::string> input_jsonl_fpath;
    run_setting<std::int64_t> limit;
    run_setting<std::int64_t> num_samples_in_parallel;     ///< unset = unbounded
    run_setting<std::int64_t> max_output_tokens;           ///< responses_create_params.max_output_tokens
    run_setting<std::string> prompt_config;
    std::string num_repeats_text = "1";  ///< as written ("4", "{a: 4, _default: 1}")
    std::string num_repeats_where;
    std::string agent_name;              ///< `agent_name` (--agent), for rows without agent_ref

    std::vector<input_file> files;
    std::vector<input_row> rows;
    std::vector<input_problem> problems;  ///< the first few malformed rows (all are counted)
    std::int64_t malformed = 0;
    std::vector<std::string> notes;  ///< what was not read, and why
    std::optional<std::string> error;  ///< a collection argument NeMo Gym rejects

    /// The collection's own arguments were given (an input file at least).
    bool collection_args() const { return input_jsonl_fpath.value.has_value(); }
    /// Rows × their repeats: the rollouts the run makes.
    std::int64_t rollouts() const;
    /// "data.jsonl:7".
    std::string where(const input_row& row) const;
};

/// Reads the inputs of the run described by `config` (blocking; streams the files).
run_inputs read_run_inputs(const config::resolution& config, const config::env_lookup& env);

/// The run's inputs, read once on a thread of their own (so the read overlaps the network
/// requests of the run) and shared by every check that asks.
class run_inputs_once {
public:
    boost::asio::awaitable<const run_inputs*> get(const config::resolution& config, const config::env_lookup& env);

    /// Records inputs as if read: the seam for unit tests.
    void put(run_inputs inputs);

private:
    struct state;
    std::shared_ptr<state> state_;
};

}  // namespace ngd::doctor
