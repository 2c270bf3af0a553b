"""NeMo Gym's pydantic validation of server instances (nemo_gym/config_types.py:
ServerInstanceConfig, DatasetConfig, BenchmarkDatasetConfig, Domain) and its almost-server
warning (global_config.py::format_almost_server_warning), for a Python without pydantic.
Errors are (loc, type, msg, input) as pydantic's ValidationError.errors() gives them."""
import math
import re

SERVER_TYPES = ["responses_api_models", "resources_servers", "responses_api_agents"]
INSTANCE_LABELS = [f"function-after[validate_domain_for_resources_server(), {c}]" for c in (
    "ResponsesAPIModelServerInstanceConfig", "ResourcesServerInstanceConfig", "ResponsesAPIAgentServerInstanceConfig")]
DATASET_LABEL = ("function-after[normalize_dataset_source(), function-after[check_train_validation_sets(), "
                 "DatasetConfig]]")
DOMAINS = ["math", "coding", "agent", "knowledge", "instruction_following", "long_context", "safety", "games",
           "translation", "e2e", "rlhf", "other"]
DATASET_TYPES = ["train", "validation", "example"]
LICENSES = ["Apache 2.0", "MIT", "Creative Commons Attribution 4.0 International",
            "Creative Commons Attribution-ShareAlike 4.0 International", "CC BY-SA 4.0", "CC BY-NC 3.0",
            "NVIDIA Internal Use Only, Do Not Distribute", "NVIDIA Evaluation Dataset License Agreement", "TBD",
            "GNU General Public License v3.0"]
_INT_TEXT = re.compile(r"\s*[+-]?\d(_?\d)*\s*$")


class _V:
    def __init__(self):
        self.errors = []

    def fail(self, loc, kind, msg, value):
        self.errors.append((tuple(loc), kind, msg, value))

    def required(self, d, field, loc):
        if field not in d:
            self.fail(loc + [field], "missing", "Field required", d)
            return False
        return True

    def str_(self, v, loc):
        if not isinstance(v, str):
            self.fail(loc, "string_type", "Input should be a valid string", v)

    def path(self, v, loc):
        if not isinstance(v, str):
            self.fail(loc, "path_type", "Input is not a valid path for <class 'pathlib.Path'>", v)

    def int_(self, v, loc):
        if isinstance(v, bool) or isinstance(v, int):
            return int(v)
        if isinstance(v, float):
            if not math.isfinite(v):
                self.fail(loc, "finite_number", "Input should be a finite number", v)
            elif v != math.floor(v):
                self.fail(loc, "int_from_float", "Input should be a valid integer, got a number with a fractional part", v)
            else:
                return int(v)
            return None
        if isinstance(v, str):
            if _INT_TEXT.match(v):
                return int(v.strip())
            self.fail(loc, "int_parsing", "Input should be a valid integer, unable to parse string as an integer", v)
            return None
        self.fail(loc, "int_type", "Input should be a valid integer", v)
        return None

    def repeats(self, d, loc):
        if "num_repeats" in d:
            n = self.int_(d["num_repeats"], loc + ["num_repeats"])
            if n is not None and n < 1:
                self.fail(loc + ["num_repeats"], "greater_than_equal", "Input should be greater than or equal to 1",
                          d["num_repeats"])

    def literals(self, v, choices, loc):
        if isinstance(v, str) and v in choices:
            return
        for c in choices:
            self.fail(loc + [f"literal['{c}']"], "literal_error", f"Input should be '{c}'", v)

    def model(self, v, cls, loc):
        if isinstance(v, dict):
            return True
        self.fail(loc, "model_type", f"Input should be a valid dictionary or instance of {cls}", v)
        return False

    def gitlab(self, d, loc):
        for f in ("dataset_name", "version", "artifact_fpath"):
            if self.required(d, f, loc):
                self.str_(d[f], loc + [f])

    def huggingface(self, d, loc):
        if self.required(d, "repo_id", loc):
            self.str_(d["repo_id"], loc + ["repo_id"])
        if d.get("artifact_fpath") is not None:
            self.str_(d["artifact_fpath"], loc + ["artifact_fpath"])

    def dataset(self, d, loc):
        if not self.model(d, "DatasetConfig", loc):
            return
        before = len(self.errors)
        if self.required(d, "name", loc):
            self.str_(d["name"], loc + ["name"])
        if self.required(d, "type", loc):
            self.literals(d["type"], DATASET_TYPES, loc + ["type"])
        if self.required(d, "jsonl_fpath", loc):
            self.str_(d["jsonl_fpath"], loc + ["jsonl_fpath"])
        self.repeats(d, loc)
        source = d.get("source")
        if source is not None:
            sl = loc + ["source"]
            if not isinstance(source, dict):
                self.fail(sl, "model_attributes_type", "Input should be a valid dictionary or object to extract fields from",
                          source)
            elif "type" not in source:
                self.fail(sl, "union_tag_not_found", "Unable to extract tag using discriminator 'type'", source)
            elif source["type"] == "gitlab":
                self.gitlab(source, sl + ["gitlab"])
            elif source["type"] == "huggingface":
                self.huggingface(source, sl + ["huggingface"])
            else:
                self.fail(sl, "union_tag_invalid", f"Input tag '{source['type']}' found using 'type' does not match any "
                          "of the expected tags: 'gitlab', 'huggingface'", source)
        if d.get("gitlab_identifier") is not None and self.model(d["gitlab_identifier"], "JsonlDatasetGitlabIdentifer",
                                                                   loc + ["gitlab_identifier"]):
            self.gitlab(d["gitlab_identifier"], loc + ["gitlab_identifier"])
        if d.get("huggingface_identifier") is not None and self.model(
                d["huggingface_identifier"], "JsonlDatasetHuggingFaceIdentifer", loc + ["huggingface_identifier"]):
            self.huggingface(d["huggingface_identifier"], loc + ["huggingface_identifier"])
        if d.get("license") is not None:
            self.literals(d["license"], LICENSES, loc + ["license"])
        if len(self.errors) != before:
            return
        if d["type"] in ("train", "validation") and d.get("license") is None:
            self.fail(loc, "assertion_error", f"Assertion failed, A license is required for {d['name']}", d)
            return
        legacy = [k for k in ("gitlab_identifier", "huggingface_identifier") if d.get(k) is not None]
        if source is not None and legacy:
            self.fail(loc, "value_error", f"Value error, Specify a dataset source once for '{d['name']}': set only one "
                      f"of ['source', {', '.join(repr(k) for k in legacy)}]. Prefer the unified `source:` block.", d)

    def benchmark(self, d, loc):
        if not self.model(d, "BenchmarkDatasetConfig", loc):
            return
        if self.required(d, "name", loc):
            self.str_(d["name"], loc + ["name"])
        if self.required(d, "type", loc) and d["type"] != "benchmark":
            self.fail(loc + ["type"], "literal_error", "Input should be 'benchmark'", d["type"])
        for f in ("jsonl_fpath", "prepare_script"):
            if self.required(d, f, loc):
                self.path(d[f], loc + [f])
        if d.get("prompt_config") is not None:
            self.path(d["prompt_config"], loc + ["prompt_config"])
        self.repeats(d, loc)

    def entry(self, d, loc):
        a, b = _V(), _V()
        a.dataset(d, loc + [DATASET_LABEL])
        if not a.errors:
            return
        b.benchmark(d, loc + ["BenchmarkDatasetConfig"])
        if not b.errors:
            return
        self.errors += a.errors + b.errors

    def run_server(self, inner, loc):
        if not self.model(inner, "BaseRunServerTypeConfig", loc):
            return
        if inner.get("host") is not None:
            self.str_(inner["host"], loc + ["host"])
        for f in ("port", "num_workers"):
            if inner.get(f) is not None:
                self.int_(inner[f], loc + [f])
        if self.required(inner, "entrypoint", loc):
            self.str_(inner["entrypoint"], loc + ["entrypoint"])
        domain = inner.get("domain")
        if domain is not None and not (isinstance(domain, str) and domain in DOMAINS):
            quoted = [f"'{d}'" for d in DOMAINS]
            self.fail(loc + ["domain"], "enum", "Input should be " + ", ".join(quoted[:-1]) + " or " + quoted[-1], domain)
        datasets = inner.get("datasets")
        if datasets is not None:
            if not isinstance(datasets, list):
                self.fail(loc + ["datasets"], "list_type", "Input should be a valid list", datasets)
            else:
                for i, d in enumerate(datasets):
                    self.entry(d, loc + ["datasets", i])

    def instance(self, value, member):
        loc, key = [INSTANCE_LABELS[member]], SERVER_TYPES[member]
        if not self.required(value, key, loc):
            return
        impls = value[key]
        if not isinstance(impls, dict):
            self.fail(loc + [key], "dict_type", "Input should be a valid dictionary", impls)
            return
        before = len(self.errors)
        for impl, inner in impls.items():
            self.run_server(inner, loc + [key, impl])
        if len(self.errors) != before:
            return
        if len(impls) != 1:
            word = "most" if impls else "least"
            self.fail(loc + [key], "too_long" if impls else "too_short",
                      f"Dictionary should have at {word} 1 item after validation, not {len(impls)}", impls)
            return
        if key == "resources_servers" and next(iter(impls.values())).get("domain") is None:
            self.fail(loc, "assertion_error", "Assertion failed, A domain is required for resources servers.", value)


def validate_server_instance(value):
    """[] when one member of the union accepts the (unresolved) container."""
    if not isinstance(value, dict):
        return []
    errors = []
    for member in range(3):
        v = _V()
        v.instance(value, member)
        if not v.errors:
            return []
        errors += v.errors
    return errors


def almost_server_warning(name, errors):
    actual = next((loc[1] for loc, kind, _, _ in errors if len(loc) > 1 and loc[1] in SERVER_TYPES
                   and kind != "missing"), None)
    if actual is None:
        actual = next((k for _, _, _, value in errors if isinstance(value, dict) for k in SERVER_TYPES if k in value), None)
    groups = {}
    for err in errors:
        loc, kind = err[0], err[1]
        if kind == "missing" and len(loc) > 1 and loc[1] in SERVER_TYPES and actual and loc[1] != actual:
            continue
        key = loc[:-1] if loc and isinstance(loc[-1], str) and loc[-1].startswith("literal[") else loc
        groups.setdefault(key, []).append(err)
    lines = []
    for key, errs in groups.items():
        if len(errs) > 1 and all(isinstance(e[0][-1], str) and e[0][-1].startswith("literal[") for e in errs):
            options = "', ".join(e[0][-1][8:-2] for e in errs)
            lines.append(f"  - {' -> '.join(str(p) for p in key)}: Must be one of: {options}'")
        else:
            lines.append(f"  - {' -> '.join(str(p) for p in errs[0][0])}: {errs[0][2]}")
    details = "\n".join(lines)
    return (f"\n    Almost-Server Detected: '{name}'\n    This server configuration failed validation:\n\n{details}\n\n"
            "    This server will NOT be started.\n    ")


def is_almost_server(value):
    return isinstance(value, dict) and any(
        isinstance(value.get(t), dict) and any(isinstance(c, dict) and "entrypoint" in c for c in value[t].values())
        for t in SERVER_TYPES)
