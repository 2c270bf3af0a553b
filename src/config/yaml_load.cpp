#include "config/yaml_load.hpp"

#include "config/file_kind.hpp"
#include "config/limits.hpp"

#include "config/scalar_typing.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace ngd::config {

namespace {

struct yaml_problem {
    int line;    // 1-based
    int column;  // 1-based
    std::string text;
};

// What PyYAML refuses and yaml-cpp lets through, looked for before parsing: a tab wherever a
// token could start (outside quotes, comments and block scalars), and a quoted scalar still
// open at the end of the text (yaml-cpp takes the rest of the file into it; PyYAML stops with
// "found unexpected end of stream" while scanning it). The problem is placed at the opening
// quote, where the user must look.
std::optional<yaml_problem> find_prescan_problem(std::string_view text)
{
    int line = 1;
    std::size_t line_start = 0;
    char quote = 0;
    int quote_line = 0, quote_column = 0;
    bool quote_starts_scalar = false;  // after "a:" with no space the quote is part of a plain scalar
    bool in_comment = false;
    int block_indent = -1;  // inside a block scalar: lines indented more than this belong to it
    bool line_is_block_body = false;
    auto indentation_of = [&](std::size_t from) {
        std::size_t i = from;
        while (i < text.size() && text[i] == ' ') ++i;
        return static_cast<int>(i - from);
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (i == line_start) {
            in_comment = false;
            line_is_block_body = false;
            if (block_indent >= 0 && !quote) {
                int indent = indentation_of(i);
                std::size_t after = i + static_cast<std::size_t>(indent);
                bool blank = after >= text.size() || text[after] == '\n' || text[after] == '\r';
                if (blank || indent > block_indent) line_is_block_body = true;
                else block_indent = -1;
            }
        }
        if (c == '\n') {
            ++line;
            line_start = i + 1;
            continue;
        }
        if (line_is_block_body || in_comment) continue;
        if (quote) {
            if (quote == '\'' && c == '\'' ) {
                if (i + 1 < text.size() && text[i + 1] == '\'') ++i;
                else quote = 0;
            } else if (quote == '"' && c == '\\') {
                ++i;
            } else if (quote == '"' && c == '"') {
                quote = 0;
            }
            continue;
        }
        bool at_token_start = i == line_start || text[i - 1] == ' ' || text[i - 1] == '\t' ||
                              text[i - 1] == '[' || text[i - 1] == '{' || text[i - 1] == ',';
        if (c == '\t') {
            // Outside quotes, comments and block scalars PyYAML never skips a tab: wherever
            // it meets one it looks for a token there, and a tab cannot start one.
            return yaml_problem{line, static_cast<int>(i - line_start) + 1,
                                "found character '\\t' that cannot start any token"};
        }
        if (c == '#' && at_token_start) {
            in_comment = true;
            continue;
        }
        if ((c == '\'' || c == '"') && (at_token_start || (i > 0 && text[i - 1] == ':'))) {
            quote = c;
            quote_starts_scalar = at_token_start;
            quote_line = line;
            quote_column = static_cast<int>(i - line_start) + 1;
            continue;
        }
        if ((c == '|' || c == '>') && at_token_start) {
            std::size_t j = i + 1;
            while (j < text.size() && text[j] != '\n' && text[j] != '#' && text[j] != ' ') ++j;
            while (j < text.size() && text[j] == ' ') ++j;
            if (j >= text.size() || text[j] == '\n' || text[j] == '#')
                block_indent = indentation_of(line_start);
        }
    }
    if (quote && quote_starts_scalar)
        return yaml_problem{quote_line, quote_column,
                            std::string("while scanning a quoted scalar: found unexpected end of stream (the ") +
                                (quote == '"' ? "double" : "single") + " quote opened here is never closed)"};
    return std::nullopt;
}

// PyYAML's first line of a problem for the errors yaml-cpp reports differently.
std::string pyyaml_problem_text(const std::string& yaml_cpp_message)
{
    std::string m = yaml_cpp_message;
    if (!m.empty()) m[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(m[0])));
    return m;
}

// Thrown from the event handler to stop the parser at once when a limit is passed.
struct limit_passed {
    yaml_problem problem;
};

class tree_builder : public YAML::EventHandler {
public:
    explicit tree_builder(std::string display_name) : file_(std::move(display_name)) {}

    std::optional<node> root;
    std::optional<yaml_problem> problem;

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override
    {
        emit(node::null(where(mark)), mark, anchor, true, "");
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override
    {
        auto it = anchors_.find(anchor);
        node value = it != anchors_.end() ? it->second.value : node::null(where(mark));
        // The alias shares the anchored tree, but every later walk expands it: count it whole.
        count(mark, it != anchors_.end() ? it->second.size : 1);
        emit(value, mark, 0, false, "");
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override
    {
        count(mark, 1);
        bool plain = tag == "?";
        node n = plain ? type_plain_yaml_scalar(value, where(mark)) : tagged(tag, value, where(mark));
        n.quoted = !plain;
        emit(std::move(n), mark, anchor, plain && plain_yaml_scalar_is_string(value), value);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        open(node::list({}, where(mark)), mark, anchor, false);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        open(node::map({}, where(mark)), mark, anchor, true);
    }
    void OnMapEnd() override { close(); }

private:
    struct frame {
        node value;
        bool is_map;
        YAML::anchor_t anchor;
        std::optional<std::string> key;  // a map waiting for the value of this key
        YAML::Mark key_mark;
        std::unordered_set<std::string> string_keys;
        std::unordered_map<std::string, std::size_t> positions;
        std::optional<std::string> parent_key;  // the key this container sits under
        std::size_t nodes_before = 0;             // the count when it opened: its size at close
    };
    struct anchored {
        node value;
        std::size_t size;  // nodes in it, expansions included
    };

    void count(const YAML::Mark& mark, std::size_t nodes)
    {
        nodes_ += nodes;
        if (nodes_ > limits::max_yaml_nodes)
            throw limit_passed{{mark.line + 1, mark.column + 1,
                                "more than " + std::to_string(limits::max_yaml_nodes) +
                                    " values once aliases are expanded (ngdoctor's limit; an alias bomb?)"}};
    }

    origin where(const YAML::Mark& mark) const
    {
        return origin::in_file(file_, mark.line + 1, mark.column + 1);
    }

    static node tagged(const std::string& tag, const std::string& value, origin o)
    {
        if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float" ||
            tag == "tag:yaml.org,2002:bool" || tag == "tag:yaml.org,2002:null") {
            node n = type_plain_yaml_scalar(value, o);
            if (!n.is_string()) return n;
        }
        return node::string(value, std::move(o));
    }

    void open(node container, const YAML::Mark& mark, YAML::anchor_t anchor, bool is_map)
    {
        if (!stack_.empty() && stack_.back().is_map && !stack_.back().key) {
            if (!problem)
                problem = yaml_problem{mark.line + 1, mark.column + 1,
                                       "found unhashable key"};
        }
        if (stack_.size() >= limits::max_nesting_depth)
            throw limit_passed{{mark.line + 1, mark.column + 1,
                                "nested deeper than " + std::to_string(limits::max_nesting_depth) +
                                    " levels (ngdoctor's limit)"}};
        count(mark, 1);
        frame f{std::move(container), is_map, anchor, std::nullopt, {}, {}, {}, std::nullopt, nodes_ - 1};
        stack_.push_back(std::move(f));
    }

    void close()
    {
        frame f = std::move(stack_.back());
        stack_.pop_back();
        if (f.anchor) anchors_[f.anchor] = {f.value, nodes_ - f.nodes_before};
        attach(std::move(f.value));
    }

    void emit(node n, const YAML::Mark& mark, YAML::anchor_t anchor, bool string_key, const std::string& text)
    {
        if (anchor) anchors_[anchor] = {n, 1};
        if (!stack_.empty() && stack_.back().is_map && !stack_.back().key) {
            auto& f = stack_.back();
            std::string key = n.is_null() && !n.quoted && text.empty() ? "null" : n.to_python_str();
            if (n.is_string()) key = n.as_string();
            if ((string_key || n.quoted) && !f.string_keys.insert(key).second && !problem)
                problem = yaml_problem{mark.line + 1, mark.column + 1, "found duplicate key " + key};
            f.key = std::move(key);
            f.key_mark = mark;
            return;
        }
        attach(std::move(n));
    }

    void attach(node n)
    {
        if (stack_.empty()) {
            root = std::move(n);
            return;
        }
        auto& f = stack_.back();
        if (f.is_map && !f.key) {
            // A sequence or mapping used as a key ("? [a, b]" or "{a: 1}: b"): open() has
            // already reported it as unhashable; it stands in as a key so the value that
            // follows has a place, and the whole file is rejected anyway.
            f.key.emplace();
            return;
        }
        if (f.is_map) {
            auto& entries = f.value.entries();
            std::string key = std::move(*f.key);
            f.key.reset();
            // A non-string duplicate key (e.g. 1:) is not an error; the later value wins.
            auto [at, fresh] = f.positions.try_emplace(key, entries.size());
            if (!fresh) {
                entries[at->second].second = std::move(n);
                return;
            }
            entries.emplace_back(std::move(key), std::move(n));
        } else {
            f.value.items().push_back(std::move(n));
        }
    }

    std::string file_;
    std::vector<frame> stack_;
    std::map<YAML::anchor_t, anchored> anchors_;
    std::size_t nodes_ = 0;
};

config_error malformed(const std::string& path, const yaml_problem& p, const std::string& display)
{
    config_error e;
    e.type = "ConfigError";
    e.message = "Malformed YAML in '" + path + "' at line " + std::to_string(p.line) + ", column " +
                std::to_string(p.column) + ": " + p.text;
    e.where = origin::in_file(display, p.line, p.column);
    return e;
}

}  // namespace

load_result load_yaml_text(std::string_view text, const std::string& display_name,
                           const std::string& error_path)
{
    if (auto problem = find_prescan_problem(text)) return malformed(error_path, *problem, display_name);
    std::string copy(text);
    std::istringstream in(copy);
    tree_builder builder(display_name);
    try {
        YAML::Parser parser(in);
        if (parser.HandleNextDocument(builder) && builder.problem == std::nullopt) {
            tree_builder second(display_name);
            if (parser.HandleNextDocument(second))
                return malformed(error_path, {1, 1, "expected a single document in the stream"}, display_name);
        }
    } catch (const limit_passed& e) {
        return malformed(error_path, e.problem, display_name);
    } catch (const YAML::Exception& e) {
        return malformed(error_path, {e.mark.line + 1, e.mark.column + 1, pyyaml_problem_text(e.msg)},
                         display_name);
    }
    if (builder.problem) return malformed(error_path, *builder.problem, display_name);
    if (!builder.root || builder.root->is_null()) return node::map({}, origin::in_file(display_name, 1, 1));
    if (!builder.root->is_map()) {
        // OmegaConf.load gives a ListConfig (or fails for a scalar); NeMo Gym then fails
        // with a traceback. A clear message instead:
        config_error e;
        e.type = "ConfigError";
        e.message = "Malformed YAML in '" + error_path + "': the top level must be a mapping of keys, got " +
                    std::string(builder.root->is_list() ? "a list" : "a scalar");
        e.where = origin::in_file(display_name, 1, 1);
        return e;
    }
    return std::move(*builder.root);
}

load_result load_yaml_file(const std::string& path, const std::string& display_name)
{
    if (auto why = not_a_readable_file(path)) {
        config_error e;
        e.type = "ConfigError";
        e.message = "Cannot read '" + path + "': it " + *why;
        e.where = origin::in_file(display_name, 0, 0);
        return e;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        config_error e;
        e.type = "ConfigError";
        e.message = "Cannot read '" + path + "'";
        e.where = origin::in_file(display_name, 0, 0);
        return e;
    }
    // Read at most the limit and one byte more: a file that never ends (/dev/zero) is refused.
    std::string text;
    char chunk[65536];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
        text.append(chunk, static_cast<std::size_t>(in.gcount()));
        if (text.size() > limits::max_file_bytes) {
            config_error e;
            e.type = "ConfigError";
            e.message = "Cannot read '" + path + "': larger than " + std::to_string(limits::max_file_bytes >> 20) +
                        " MiB (ngdoctor's limit)";
            e.where = origin::in_file(display_name, 0, 0);
            return e;
        }
    }
    return load_yaml_text(text, display_name, path);
}

}  // namespace ngd::config
