#include "config/server_validation.hpp"

#include "config/python_text.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <optional>
#include <utility>

namespace ngd::config {

namespace {

using location = std::vector<std::string>;

constexpr std::array<std::string_view, 3> server_type_keys = {"responses_api_models", "resources_servers",
                                                               "responses_api_agents"};
// The pydantic classes of the union, in its order; the location names the after-validator.
constexpr std::array<std::string_view, 3> instance_labels = {
    "function-after[validate_domain_for_resources_server(), ResponsesAPIModelServerInstanceConfig]",
    "function-after[validate_domain_for_resources_server(), ResourcesServerInstanceConfig]",
    "function-after[validate_domain_for_resources_server(), ResponsesAPIAgentServerInstanceConfig]"};
constexpr std::string_view dataset_label =
    "function-after[normalize_dataset_source(), function-after[check_train_validation_sets(), DatasetConfig]]";

// class Domain(str, Enum)
constexpr std::array<std::string_view, 12> domains = {"math",         "coding", "agent",       "knowledge",
                                                       "instruction_following", "long_context", "safety",
                                                       "games",        "translation", "e2e",  "rlhf", "other"};
// DatasetType
constexpr std::array<std::string_view, 3> dataset_types = {"train", "validation", "example"};
// DatasetConfig.license
constexpr std::array<std::string_view, 10> licenses = {
    "Apache 2.0",
    "MIT",
    "Creative Commons Attribution 4.0 International",
    "Creative Commons Attribution-ShareAlike 4.0 International",
    "CC BY-SA 4.0",
    "CC BY-NC 3.0",
    "NVIDIA Internal Use Only, Do Not Distribute",
    "NVIDIA Evaluation Dataset License Agreement",
    "TBD",
    "GNU General Public License v3.0"};

location at(location loc, std::string_view part)
{
    loc.emplace_back(part);
    return loc;
}

class validator {
public:
    std::vector<validation_error> errors;

    void fail(location loc, std::string type, std::string msg, const node* input)
    {
        errors.push_back({std::move(loc), std::move(type), std::move(msg), input});
    }

    // Field lookups: nullptr when absent.
    const node* required(const node& model, std::string_view field, const location& loc)
    {
        const node* v = model.find(field);
        if (!v) fail(at(loc, field), "missing", "Field required", &model);
        return v;
    }

    void str(const node& v, const location& loc)
    {
        if (!v.is_string()) fail(loc, "string_type", "Input should be a valid string", &v);
    }

    void path(const node& v, const location& loc)
    {
        if (!v.is_string()) fail(loc, "path_type", "Input is not a valid path for <class 'pathlib.Path'>", &v);
    }

    // pydantic's lax int: ints, bools, integral floats and strings holding an int.
    // Returns the value when known, for the `ge` constraints.
    std::optional<long long> integer(const node& v, const location& loc)
    {
        switch (v.type()) {
        case node::kind::integer: return v.as_int();
        case node::kind::boolean: return v.as_bool() ? 1 : 0;
        case node::kind::floating: {
            double d = v.as_float();
            if (!std::isfinite(d)) {
                fail(loc, "finite_number", "Input should be a finite number", &v);
                return std::nullopt;
            }
            if (d != std::floor(d)) {
                fail(loc, "int_from_float", "Input should be a valid integer, got a number with a fractional part", &v);
                return std::nullopt;
            }
            return d >= -9.2e18 && d <= 9.2e18 ? std::optional<long long>(static_cast<long long>(d)) : std::nullopt;
        }
        case node::kind::string: {
            std::string_view s = v.as_string();
            while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
            while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
            bool negative = !s.empty() && s.front() == '-';
            if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
            bool ok = !s.empty() && std::isdigit(static_cast<unsigned char>(s.front())) &&
                      std::isdigit(static_cast<unsigned char>(s.back()));
            long long value = 0;
            bool overflow = false;
            for (std::size_t i = 0; ok && i < s.size(); ++i) {
                if (s[i] == '_') {
                    ok = s[i + 1] != '_';
                    continue;
                }
                ok = std::isdigit(static_cast<unsigned char>(s[i]));
                if (ok && !overflow) {
                    if (value > (9'000'000'000'000'000'000LL - 9) / 10) overflow = true;
                    else value = value * 10 + (s[i] - '0');
                }
            }
            if (!ok) {
                fail(loc, "int_parsing", "Input should be a valid integer, unable to parse string as an integer", &v);
                return std::nullopt;
            }
            if (overflow) return std::nullopt;  // big, positive or negative: only the sign matters below
            return negative ? -value : value;
        }
        default: fail(loc, "int_type", "Input should be a valid integer", &v); return std::nullopt;
        }
    }

    void optional_int(const node& model, std::string_view field, const location& loc, bool at_least_one = false)
    {
        const node* v = model.find(field);
        if (!v || v->is_null()) return;
        auto value = integer(*v, at(loc, field));
        if (at_least_one && value && *value < 1)
            fail(at(loc, field), "greater_than_equal", "Input should be greater than or equal to 1", v);
    }

    template <std::size_t N>
    bool literal_union(const node& v, const std::array<std::string_view, N>& choices, const location& loc)
    {
        if (v.is_string())
            for (auto c : choices)
                if (v.as_string() == c) return true;
        for (auto c : choices)
            fail(at(loc, "literal['" + std::string(c) + "']"), "literal_error", "Input should be '" + std::string(c) + "'", &v);
        return false;
    }

    bool is_model(const node& v, std::string_view class_name, const location& loc)
    {
        if (v.is_map()) return true;
        fail(loc, "model_type", "Input should be a valid dictionary or instance of " + std::string(class_name), &v);
        return false;
    }

    // JsonlDatasetGitlabIdentifer / GitlabDatasetSource (without its tag) fields.
    void gitlab_fields(const node& m, const location& loc)
    {
        for (auto f : {"dataset_name", "version", "artifact_fpath"})
            if (auto* v = required(m, f, loc)) str(*v, at(loc, f));
    }

    void huggingface_fields(const node& m, const location& loc)
    {
        if (auto* v = required(m, "repo_id", loc)) str(*v, at(loc, "repo_id"));
        if (auto* v = m.find("artifact_fpath"); v && !v->is_null()) str(*v, at(loc, "artifact_fpath"));
    }

    void dataset(const node& d, const location& loc)
    {
        if (!is_model(d, "DatasetConfig", loc)) return;
        std::size_t before = errors.size();
        if (auto* v = required(d, "name", loc)) str(*v, at(loc, "name"));
        if (auto* v = required(d, "type", loc)) literal_union(*v, dataset_types, at(loc, "type"));
        if (auto* v = required(d, "jsonl_fpath", loc)) str(*v, at(loc, "jsonl_fpath"));
        if (auto* v = d.find("num_repeats")) {
            auto n = integer(*v, at(loc, "num_repeats"));
            if (n && *n < 1) fail(at(loc, "num_repeats"), "greater_than_equal", "Input should be greater than or equal to 1", v);
        }
        const node* source = d.find("source");
        if (source && !source->is_null()) {
            location sl = at(loc, "source");
            if (!source->is_map()) {
                fail(sl, "model_attributes_type", "Input should be a valid dictionary or object to extract fields from", source);
            } else if (const node* tag = source->find("type"); !tag) {
                fail(sl, "union_tag_not_found", "Unable to extract tag using discriminator 'type'", source);
            } else if (tag->is_string() && tag->as_string() == "gitlab") {
                gitlab_fields(*source, at(sl, "gitlab"));
            } else if (tag->is_string() && tag->as_string() == "huggingface") {
                huggingface_fields(*source, at(sl, "huggingface"));
            } else {
                fail(sl, "union_tag_invalid",
                     "Input tag '" + tag->to_python_str() +
                         "' found using 'type' does not match any of the expected tags: 'gitlab', 'huggingface'",
                     source);
            }
        }
        const node* gitlab = d.find("gitlab_identifier");
        if (gitlab && !gitlab->is_null() && is_model(*gitlab, "JsonlDatasetGitlabIdentifer", at(loc, "gitlab_identifier")))
            gitlab_fields(*gitlab, at(loc, "gitlab_identifier"));
        const node* hf = d.find("huggingface_identifier");
        if (hf && !hf->is_null() &&
            is_model(*hf, "JsonlDatasetHuggingFaceIdentifer", at(loc, "huggingface_identifier")))
            huggingface_fields(*hf, at(loc, "huggingface_identifier"));
        const node* license = d.find("license");
        if (license && !license->is_null()) literal_union(*license, licenses, at(loc, "license"));
        if (errors.size() != before) return;  // the model validators run on a valid model only

        std::string name = d.find("name")->as_string();
        const std::string& type = d.find("type")->as_string();
        if ((type == "train" || type == "validation") && (!license || license->is_null())) {
            fail(loc, "assertion_error", "Assertion failed, A license is required for " + name, &d);
            return;
        }
        std::vector<std::string> legacy;
        if (gitlab && !gitlab->is_null()) legacy.push_back("gitlab_identifier");
        if (hf && !hf->is_null()) legacy.push_back("huggingface_identifier");
        if (source && !source->is_null() && !legacy.empty()) {
            std::string names;
            for (auto& l : legacy) names += ", " + python_str_repr(l);
            fail(loc, "value_error",
                 "Value error, Specify a dataset source once for '" + name + "': set only one of ['source'" + names +
                     "]. Prefer the unified `source:` block.",
                 &d);
        }
    }

    void benchmark(const node& d, const location& loc)
    {
        if (!is_model(d, "BenchmarkDatasetConfig", loc)) return;
        if (auto* v = required(d, "name", loc)) str(*v, at(loc, "name"));
        if (auto* v = required(d, "type", loc); v && !(v->is_string() && v->as_string() == "benchmark"))
            fail(at(loc, "type"), "literal_error", "Input should be 'benchmark'", v);
        if (auto* v = required(d, "jsonl_fpath", loc)) path(*v, at(loc, "jsonl_fpath"));
        if (auto* v = required(d, "prepare_script", loc)) path(*v, at(loc, "prepare_script"));
        if (auto* v = d.find("prompt_config"); v && !v->is_null()) path(*v, at(loc, "prompt_config"));
        if (auto* v = d.find("num_repeats")) {
            auto n = integer(*v, at(loc, "num_repeats"));
            if (n && *n < 1) fail(at(loc, "num_repeats"), "greater_than_equal", "Input should be greater than or equal to 1", v);
        }
    }

    // List[Union[DatasetConfig, BenchmarkDatasetConfig]] item: one member accepting it is enough.
    void dataset_entry(const node& d, const location& loc)
    {
        validator a, b;
        a.dataset(d, at(loc, dataset_label));
        if (a.errors.empty()) return;
        b.benchmark(d, at(loc, "BenchmarkDatasetConfig"));
        if (b.errors.empty()) return;
        for (auto& e : a.errors) errors.push_back(std::move(e));
        for (auto& e : b.errors) errors.push_back(std::move(e));
    }

    // BaseRunServerTypeConfig, fields in pydantic's order (inherited first).
    void run_server(const node& inner, const location& loc)
    {
        if (!is_model(inner, "BaseRunServerTypeConfig", loc)) return;
        if (auto* v = inner.find("host"); v && !v->is_null()) str(*v, at(loc, "host"));
        optional_int(inner, "port", loc);
        optional_int(inner, "num_workers", loc);
        if (auto* v = required(inner, "entrypoint", loc)) str(*v, at(loc, "entrypoint"));
        if (auto* v = inner.find("domain"); v && !v->is_null()) {
            bool known = false;
            if (v->is_string())
                for (auto d : domains) known = known || v->as_string() == d;
            if (!known) {
                std::string msg = "Input should be ";
                for (std::size_t i = 0; i < domains.size(); ++i)
                    msg += (i == 0 ? "" : i + 1 == domains.size() ? " or " : ", ") + ("'" + std::string(domains[i]) + "'");
                fail(at(loc, "domain"), "enum", msg, v);
            }
        }
        if (auto* v = inner.find("datasets"); v && !v->is_null()) {
            if (!v->is_list()) {
                fail(at(loc, "datasets"), "list_type", "Input should be a valid list", v);
            } else {
                for (std::size_t i = 0; i < v->items().size(); ++i)
                    dataset_entry(v->items()[i], at(at(loc, "datasets"), std::to_string(i)));
            }
        }
    }

    // One member of the ServerInstanceConfig union.
    void instance(const node& value, std::size_t member)
    {
        location loc{std::string(instance_labels[member])};
        std::string_view key = server_type_keys[member];
        const node* impls = required(value, key, loc);
        if (!impls) return;
        if (!impls->is_map()) {
            fail(at(loc, key), "dict_type", "Input should be a valid dictionary", impls);
            return;
        }
        std::size_t before = errors.size();
        for (auto& [impl, inner] : impls->entries()) run_server(inner, at(at(loc, key), impl));
        if (errors.size() != before) return;
        std::size_t n = impls->entries().size();
        if (n != 1) {
            fail(at(loc, key), n ? "too_long" : "too_short",
                 std::string("Dictionary should have at ") + (n ? "most" : "least") + " 1 item after validation, not " +
                     std::to_string(n),
                 impls);
            return;
        }
        if (key == "resources_servers") {
            const node* domain = impls->entries().front().second.find("domain");
            if (!domain || domain->is_null())
                fail(loc, "assertion_error", "Assertion failed, A domain is required for resources servers.", &value);
        }
    }
};

bool is_server_type_key(std::string_view k)
{
    for (auto t : server_type_keys)
        if (t == k) return true;
    return false;
}

std::string joined(const location& loc, std::size_t count)
{
    std::string out;
    for (std::size_t i = 0; i < count; ++i) out += (i ? " -> " : "") + loc[i];
    return out;
}

bool is_literal_tag(const std::string& part) { return part.rfind("literal[", 0) == 0; }

}  // namespace

std::vector<validation_error> validate_server_instance(const node& value)
{
    std::vector<validation_error> all;
    if (!value.is_map()) return all;  // maybe_get_server_instance_config: not a DictConfig, not a server
    for (std::size_t member = 0; member < instance_labels.size(); ++member) {
        validator v;
        v.instance(value, member);
        if (v.errors.empty()) return {};
        for (auto& e : v.errors) all.push_back(std::move(e));
    }
    return all;
}

std::string almost_server_warning(std::string_view server_name, const std::vector<validation_error>& errors)
{
    // The server type the errors are about: the first error under a type key that is not a
    // "missing" from another member of the union, else the type key found in an input.
    std::string actual;
    for (auto& e : errors)
        if (e.loc.size() > 1 && is_server_type_key(e.loc[1]) && e.type != "missing") {
            actual = e.loc[1];
            break;
        }
    if (actual.empty())
        for (auto& e : errors) {
            if (!e.input || !e.input->is_map()) continue;
            for (auto k : server_type_keys)
                if (e.input->find(k)) {
                    actual = k;
                    break;
                }
            if (!actual.empty()) break;
        }
    std::vector<std::pair<location, std::vector<const validation_error*>>> groups;
    for (auto& e : errors) {
        if (e.type == "missing" && e.loc.size() > 1 && is_server_type_key(e.loc[1]) && !actual.empty() && e.loc[1] != actual)
            continue;
        location key = e.loc;
        if (!key.empty() && is_literal_tag(key.back())) key.pop_back();
        auto it = groups.begin();
        for (; it != groups.end(); ++it)
            if (it->first == key) break;
        if (it == groups.end()) groups.emplace_back(key, std::vector<const validation_error*>{&e});
        else it->second.push_back(&e);
    }
    std::string details;
    for (auto& [key, errs] : groups) {
        bool literals = errs.size() > 1;
        for (auto* e : errs) literals = literals && !e->loc.empty() && is_literal_tag(e->loc.back());
        if (!details.empty()) details += "\n";
        if (literals) {
            std::string options;
            for (std::size_t i = 0; i < errs.size(); ++i) {
                const std::string& tag = errs[i]->loc.back();  // literal['value']
                options += (i ? "', " : "") + tag.substr(8, tag.size() - 10);  // keeps the opening quote
            }
            details += "  - " + joined(key, key.size()) + ": Must be one of: " + options + "'";
        } else {
            details += "  - " + joined(errs.front()->loc, errs.front()->loc.size()) + ": " + errs.front()->msg;
        }
    }
    return "\n    Almost-Server Detected: '" + std::string(server_name) +
           "'\n    This server configuration failed validation:\n\n" + details +
           "\n\n    This server will NOT be started.\n    ";
}

}  // namespace ngd::config
