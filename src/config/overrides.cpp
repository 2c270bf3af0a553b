#include "config/overrides.hpp"

#include "config/interpolation_grammar.hpp"
#include "config/limits.hpp"
#include "config/merge.hpp"
#include "config/python_text.hpp"

#include <algorithm>
#include <cctype>

namespace ngd::config {

namespace {

struct hydra_syntax_error {
    std::string message;
};

bool is_ws(char c) { return c == ' ' || c == '\t'; }

// Hydra's value grammar: element | element (',' element)+ (a sweep).
class value_parser {
public:
    explicit value_parser(std::string_view s) : s_(s) {}

    node top(bool& sweep)
    {
        std::vector<node> elements;
        elements.push_back(element());
        while (i_ < s_.size() && s_[i_] == ',') {
            ++i_;
            elements.push_back(element());
        }
        if (i_ != s_.size()) unexpected();
        sweep = elements.size() > 1;
        return std::move(elements.front());
    }

private:
    [[noreturn]] void unexpected() const
    {
        if (i_ >= s_.size()) throw hydra_syntax_error{"mismatched input '<EOF>'"};
        throw hydra_syntax_error{"extraneous input '" + std::string(1, s_[i_]) + "' expecting <EOF>"};
    }

    void skip_ws()
    {
        while (i_ < s_.size() && is_ws(s_[i_])) ++i_;
    }

    std::size_t depth_ = 0;  // lists and dicts open around the current element

    node element()
    {
        skip_ws();
        node out;
        bool container = i_ < s_.size() && (s_[i_] == '[' || s_[i_] == '{');
        if (container && ++depth_ > limits::max_nesting_depth)
            throw hydra_syntax_error{"lists and dicts nested deeper than " + std::to_string(limits::max_nesting_depth) +
                                     " levels (ngdoctor's limit)"};
        if (i_ < s_.size() && s_[i_] == '[') out = list();
        else if (i_ < s_.size() && s_[i_] == '{') out = dict();
        else if (i_ < s_.size() && (s_[i_] == '\'' || s_[i_] == '"')) out = quoted();
        else out = primitive();
        if (container) --depth_;
        skip_ws();
        return out;
    }

    node list()
    {
        ++i_;
        node_list items;
        skip_ws();
        if (i_ < s_.size() && s_[i_] == ']') {
            ++i_;
            return node::list({}, origin::of_override());
        }
        while (true) {
            items.push_back(element());
            if (i_ >= s_.size()) throw hydra_syntax_error{"mismatched input '<EOF>' expecting {',', ']'}"};
            if (s_[i_] == ',') {
                ++i_;
                continue;
            }
            if (s_[i_] == ']') {
                ++i_;
                return node::list(std::move(items), origin::of_override());
            }
            unexpected();
        }
    }

    node dict()
    {
        ++i_;
        node_map entries;
        skip_ws();
        if (i_ < s_.size() && s_[i_] == '}') {
            ++i_;
            return node::map({}, origin::of_override());
        }
        while (true) {
            skip_ws();
            std::size_t from = i_;
            while (i_ < s_.size() && s_[i_] != ':' && s_[i_] != ',' && s_[i_] != '}') ++i_;
            std::string key(s_.substr(from, i_ - from));
            while (!key.empty() && is_ws(key.back())) key.pop_back();
            if (key.empty() || i_ >= s_.size() || s_[i_] != ':')
                throw hydra_syntax_error{"mismatched input in dictionary at '" + std::string(s_.substr(from)) + "'"};
            ++i_;
            entries.emplace_back(std::move(key), element());
            if (i_ >= s_.size()) throw hydra_syntax_error{"mismatched input '<EOF>' expecting {',', '}'}"};
            if (s_[i_] == ',') {
                ++i_;
                continue;
            }
            if (s_[i_] == '}') {
                ++i_;
                return node::map(std::move(entries), origin::of_override());
            }
            unexpected();
        }
    }

    node quoted()
    {
        char q = s_[i_++];
        std::string text;
        while (i_ < s_.size() && s_[i_] != q) {
            if (s_[i_] == '\\' && i_ + 1 < s_.size() && (s_[i_ + 1] == q || s_[i_ + 1] == '\\')) {
                // backslashes are only escapes in front of the closing quote
                std::size_t run = 0;
                while (i_ + run < s_.size() && s_[i_ + run] == '\\') ++run;
                if (i_ + run < s_.size() && s_[i_ + run] == q) {
                    text.append(run / 2, '\\');
                    i_ += run;
                    if (run % 2 == 1) {
                        text += q;
                        ++i_;
                    }
                    continue;
                }
                text.append(run, '\\');
                i_ += run;
                continue;
            }
            text += s_[i_++];
        }
        if (i_ >= s_.size()) throw hydra_syntax_error{"token recognition error at: '" + std::string(1, q) + "'"};
        ++i_;
        node n = node::string(std::move(text), origin::of_override());
        n.quoted = true;
        return n;
    }

    node primitive()
    {
        std::string text;
        bool plain_token = true;  // no escapes or interpolations: may be typed
        while (i_ < s_.size()) {
            char c = s_[i_];
            if (c == '$' && s_.substr(i_, 2) == "${") {
                std::size_t depth = 0;
                std::size_t j = i_;
                for (; j < s_.size(); ++j) {
                    if (s_.substr(j, 2) == "${") {
                        ++depth;
                        ++j;
                    } else if (s_[j] == '}' && --depth == 0) {
                        break;
                    }
                }
                if (j >= s_.size()) throw hydra_syntax_error{"token recognition error at: '${'"};
                text.append(s_.substr(i_, j + 1 - i_));
                i_ = j + 1;
                plain_token = false;
                continue;
            }
            if (c == '\\' && i_ + 1 < s_.size() &&
                std::string_view("\\()[]{}:=, \t").find(s_[i_ + 1]) != std::string_view::npos) {
                text += s_[i_ + 1];
                i_ += 2;
                plain_token = false;
                continue;
            }
            if (c == ',' || c == ']' || c == '}') break;
            if (c == '[' || c == '{' || c == '(' || c == ')' || c == '=' || c == '\'' || c == '"')
                throw hydra_syntax_error{"token recognition error at: '" + std::string(1, c) + "'"};
            text += c;
            ++i_;
        }
        std::size_t a = 0;
        while (a < text.size() && is_ws(text[a])) ++a;
        std::size_t b = text.size();
        while (b > a && is_ws(text[b - 1])) --b;
        std::string trimmed = text.substr(a, b - a);
        if (plain_token && trimmed.find_first_of(" \t") == std::string::npos) {
            auto t = grammar::type_grammar_primitive(trimmed);
            using k = grammar::typed_primitive::kind;
            switch (t.type) {
            case k::null: return node::null(origin::of_override());
            case k::boolean: return node::boolean(t.b, origin::of_override());
            case k::integer: return node::integer(t.i, origin::of_override());
            case k::floating: return node::floating(t.f, origin::of_override());
            case k::string: break;
            }
        }
        return node::string(std::move(trimmed), origin::of_override());
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

bool valid_key(std::string_view key)
{
    if (key.empty()) return false;
    for (char c : key)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '/' || c == '@'))
            return false;
    return key.front() != '.' && key.back() != '.';
}

std::vector<std::string> split_dots(std::string_view key)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        auto dot = key.find('.', start);
        out.emplace_back(key.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return out;
}

// OmegaConf.select(cfg, key): the node, or nullptr (absent, or not reachable).
node* select(node& cfg, std::string_view key)
{
    node* at = &cfg;
    for (auto& part : split_dots(key)) {
        if (!at->is_map()) return nullptr;
        at = at->find(part);
        if (!at) return nullptr;
    }
    return at;
}

std::string python_list_repr(const std::vector<std::string>& words)
{
    std::string out = "[";
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i) out += ", ";
        out += python_str_repr(words[i]);
    }
    return out + "]";
}

config_error hydra_error(std::string message)
{
    config_error e;
    e.type = "HydraError";
    e.message = std::move(message);
    e.where = origin::of_override();
    return e;
}

enum class update_result { done, refused, clash };

// OmegaConf.update(cfg, key, value, merge=True, force_add=...). `refused`: struct mode (no
// force_add) refuses a key that does not exist; `clash`: a dict met a list, and
// `clash_type` names the existing node's type as OmegaConf does ("dict"/"list").
update_result update(node& cfg, std::string_view key, const node& value, bool force_add, std::string& clash_type)
{
    auto parts = split_dots(key);
    node* at = &cfg;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        node* next = at->find(parts[i]);
        if (!next || !(next->is_map() || next->is_list())) {
            if (!force_add) return update_result::refused;
            if (next) *next = node::map({}, origin::of_override());
            else {
                at->entries().emplace_back(parts[i], node::map({}, origin::of_override()));
                next = &at->entries().back().second;
            }
        }
        if (!next->is_map()) return update_result::refused;
        at = next;
    }
    node* existing = at->find(parts.back());
    if (!existing) {
        if (!force_add) return update_result::refused;
        at->entries().emplace_back(parts.back(), value);
        return update_result::done;
    }
    // OmegaConf.update merges into an existing container (node.merge_with(value)) and
    // replaces anything else.
    if ((existing->is_map() && value.is_list()) || (existing->is_list() && value.is_map())) {
        clash_type = existing->is_map() ? "dict" : "list";
        return update_result::clash;
    }
    if (existing->is_map() && value.is_map()) {
        if (!merge_into(*existing, value)) {
            clash_type = "dict";
            return update_result::clash;
        }
    } else {
        *existing = value;
    }
    return update_result::done;
}

}  // namespace

bool looks_like_override(std::string_view word)
{
    if (word.empty()) return false;
    if (word[0] == '+' || word[0] == '~') return true;
    return word.find('=') != std::string_view::npos && word[0] != '-';
}

std::variant<parsed_override, std::string> parse_override(std::string_view input)
{
    parsed_override o;
    o.input = std::string(input);
    std::string_view rest = input;
    if (rest.substr(0, 2) == "++") {
        o.what = parsed_override::action::force_add;
        rest.remove_prefix(2);
    } else if (rest.substr(0, 1) == "+") {
        o.what = parsed_override::action::add;
        rest.remove_prefix(1);
    } else if (rest.substr(0, 1) == "~") {
        o.what = parsed_override::action::remove;
        rest.remove_prefix(1);
    }
    auto eq = rest.find('=');
    o.key = std::string(rest.substr(0, eq));
    if (!valid_key(o.key)) {
        if (o.key.empty()) return std::string("mismatched input '='");
        return "no viable alternative at input '" + o.key + "'";
    }
    if (static_cast<std::size_t>(std::count(o.key.begin(), o.key.end(), '.')) >= limits::max_nesting_depth)
        return "the key '" + o.key.substr(0, 40) + "...' is nested deeper than " +
               std::to_string(limits::max_nesting_depth) + " levels (ngdoctor's limit)";
    if (eq == std::string_view::npos) {
        if (o.what != parsed_override::action::remove) return std::string("mismatched input '<EOF>' expecting '='");
        return o;
    }
    auto text = rest.substr(eq + 1);
    if (text.empty()) {
        o.value = node::string("", origin::of_override());
        return o;
    }
    try {
        value_parser p(text);
        o.value = p.top(o.sweep);
    } catch (const hydra_syntax_error& e) {
        return e.message;
    }
    return o;
}

std::vector<std::string> coalesce_config_paths(const std::vector<std::string>& overrides)
{
    static const std::string prefix = "+config_paths=[";
    std::vector<std::string> inner;
    std::vector<std::string> rest;
    bool any = false;
    for (auto& o : overrides) {
        if (o.size() >= prefix.size() + 1 && o.compare(0, prefix.size(), prefix) == 0 && o.back() == ']') {
            any = true;
            std::string content = o.substr(prefix.size(), o.size() - prefix.size() - 1);
            std::size_t start = 0;
            while (true) {
                auto comma = content.find(',', start);
                std::string item = content.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
                if (!item.empty()) inner.push_back(item);
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
        } else {
            rest.push_back(o);
        }
    }
    if (!any) return overrides;
    std::string merged = prefix;
    for (std::size_t i = 0; i < inner.size(); ++i) merged += (i ? "," : "") + inner[i];
    merged += "]";
    rest.insert(rest.begin(), merged);
    return rest;
}

override_result apply_overrides(const std::vector<std::string>& overrides)
{
    override_result result{node::map({}, origin::of_override()), std::nullopt};
    auto fail = [&](std::string message) {
        if (!result.error) result.error = hydra_error(std::move(message));
    };
    std::vector<parsed_override> parsed;
    for (std::size_t i = 0; i < overrides.size(); ++i) {
        auto r = parse_override(overrides[i]);
        if (auto* message = std::get_if<std::string>(&r)) {
            fail("Error when parsing index: " + std::to_string(i) + ", string: " + overrides[i] + " out of " +
                 python_list_repr(overrides) + "\n" + *message +
                 "\nSee https://hydra.cc/docs/1.2/advanced/override_grammar/basic for details");
            continue;
        }
        parsed.push_back(std::get<parsed_override>(std::move(r)));
    }
    for (auto& o : parsed)
        if (o.sweep)
            fail("Ambiguous value for argument '" + o.input +
                 "'\n1. To use it as a list, use key=[value1,value2]\n"
                 "2. To use it as string, quote the value: key=\\'value1,value2\\'\n"
                 "3. To sweep over it, add --multirun to your command line");
    node& cfg = result.cfg;
    using a = parsed_override::action;
    // hydra/_internal/config_loader_impl.py::_apply_overrides_to_config wraps an OmegaConf
    // error as "Error merging override <line>"; run_and_report prints the cause below it.
    auto apply = [&](const parsed_override& o, bool force_add) {
        std::string clash_type;
        auto r = update(cfg, o.key, *o.value, force_add, clash_type);
        if (r == update_result::clash)
            fail("Error merging override " + o.input + "\n" + merge_clash_message(o.key, clash_type));
        return r != update_result::refused;
    };
    for (auto& o : parsed) {
        if (o.sweep) continue;
        switch (o.what) {
        case a::remove: {
            node* existing = select(cfg, o.key);
            if (!existing || existing->is_null()) {
                fail("Could not delete from config. '" + o.key + "' does not exist.");
                break;
            }
            if (o.value && !o.value->same_value(*existing)) {
                fail("Could not delete from config. The value of '" + o.key + "' is " + existing->to_python_str() +
                     " and not " + o.value->to_python_str() + ".");
                break;
            }
            auto dot = o.key.rfind('.');
            node* parent = dot == std::string::npos ? &cfg : select(cfg, o.key.substr(0, dot));
            std::string last = dot == std::string::npos ? o.key : o.key.substr(dot + 1);
            std::erase_if(parent->entries(), [&](auto& e) { return e.first == last; });
            break;
        }
        case a::add: {
            node* existing = select(cfg, o.key);
            if (existing && !existing->is_null() && !o.value->is_map() && !o.value->is_list()) {
                fail("Could not append to config. An item is already at '" + o.key + "'.\nEither remove + prefix: '" +
                     o.input.substr(1) + "'\nOr add a second + to add or override '" + o.key + "': '+" + o.input +
                     "'");
                break;
            }
            apply(o, true);
            break;
        }
        case a::force_add: apply(o, true); break;
        case a::change:
            if (!apply(o, false))
                fail("Could not override '" + o.key + "'.\nTo append to your config use +" + o.input);
            break;
        }
    }
    return result;
}

}  // namespace ngd::config
