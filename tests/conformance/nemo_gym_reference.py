"""NeMo Gym's config resolution (nemo-gym.md section 1.5, HEAD), written against the real
OmegaConf so that ngdoctor's C++ resolution can be compared with it.

OmegaConf does the loading, merging, interpolation and YAML output. Hydra is not installed,
so its override layer (hydra/_internal/config_loader_impl.py::_apply_overrides_to_config and
the override grammar) is re-implemented here; NeMo Gym's own steps follow its source.
"""
import difflib
import os
import re
import subprocess
from pathlib import Path

import yaml
import nemo_gym_validation as validation
from omegaconf import DictConfig, ListConfig, OmegaConf
from omegaconf.errors import (ConfigKeyError, ConfigTypeError, GrammarParseError, InterpolationKeyError,
                              InterpolationResolutionError, OmegaConfBaseException)

OmegaConf.register_new_resolver("inherit_from", lambda a: f"${{inherit_from:{a}}}", replace=True)
OmegaConf.register_new_resolver("copy", lambda a: f"${{copy:{a}}}", replace=True)

SERVER_TYPES = ["responses_api_models", "resources_servers", "responses_api_agents"]
RESERVED = {
    "config_paths", "entrypoint", "default_host", "head_server", "disallowed_ports", "head_server_deps",
    "python_version", "pip_install_verbose", "use_absolute_ip", "uv_pip_set_python", "skip_venv_if_present",
    "hf_token", "ray_head_node_address", "port_range_low", "port_range_high", "dry_run",
    "model_endpoint_readiness_timeout_seconds", "allow_openai_version_skew", "uv_cache_dir", "uv_venv_dir",
    "results_dir", "cache_dir", "_inherit_from", "_copy", "nemo_gym_log_dir", "verbose", "json", "query",
    "observability_enabled", "model_call_capture_dir", "token_id_capture", "component_name",
    "skip_verification", "skip_verification_reward", "error_on_almost_servers"}


NOTICES = []  # what the last parse() printed on stdout


class NemoError(Exception):
    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind
        self.message = message


# ---------------------------------------------------------------- Hydra override layer

class _Syntax(Exception):
    pass


_INT = re.compile(r"[+-]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"[+-]?(([0-9_]+)?\.[0-9_]+|[0-9_]+\.|([0-9_]+|([0-9_]+)?\.[0-9_]+|[0-9_]+\.)[eE][+-]?[0-9_]+"
                    r"|[Ii][Nn][Ff]|[Nn][Aa][Nn])$")


class _ValueParser:
    """Hydra 1.3's override value grammar (OverrideParser.g4 / OverrideLexer.g4)."""

    def __init__(self, text):
        self.s = text
        self.i = 0

    def top(self):
        elements = [self.element()]
        while self.i < len(self.s) and self.s[self.i] == ",":
            self.i += 1
            elements.append(self.element())
        if self.i != len(self.s):
            raise _Syntax(f"extraneous input '{self.s[self.i]}' expecting <EOF>")
        return elements[0], len(elements) > 1

    def ws(self):
        while self.i < len(self.s) and self.s[self.i] in " \t":
            self.i += 1

    def element(self):
        self.ws()
        c = self.s[self.i] if self.i < len(self.s) else ""
        if c == "[":
            v = self.container("[", "]")
        elif c == "{":
            v = self.container("{", "}")
        elif c in ("'", '"'):
            v = self.quoted()
        else:
            v = self.primitive()
        self.ws()
        return v

    def container(self, open_, close):
        self.i += 1
        self.ws()
        out = [] if open_ == "[" else {}
        if self.i < len(self.s) and self.s[self.i] == close:
            self.i += 1
            return out
        while True:
            if open_ == "[":
                out.append(self.element())
            else:
                self.ws()
                start = self.i
                while self.i < len(self.s) and self.s[self.i] not in ":,}":
                    self.i += 1
                key = self.s[start:self.i].strip()
                if not key or self.i >= len(self.s) or self.s[self.i] != ":":
                    raise _Syntax("mismatched input in dictionary")
                self.i += 1
                out[key] = self.element()
            if self.i >= len(self.s):
                raise _Syntax("mismatched input '<EOF>' expecting {',', '" + close + "'}")
            if self.s[self.i] == ",":
                self.i += 1
                continue
            if self.s[self.i] == close:
                self.i += 1
                return out
            raise _Syntax(f"extraneous input '{self.s[self.i]}'")

    def quoted(self):
        q = self.s[self.i]
        self.i += 1
        out = ""
        while self.i < len(self.s) and self.s[self.i] != q:
            if self.s[self.i] == "\\":
                run = 0
                while self.i + run < len(self.s) and self.s[self.i + run] == "\\":
                    run += 1
                if self.i + run < len(self.s) and self.s[self.i + run] == q:
                    out += "\\" * (run // 2)
                    self.i += run
                    if run % 2:
                        out += q
                        self.i += 1
                    continue
                out += "\\" * run
                self.i += run
                continue
            out += self.s[self.i]
            self.i += 1
        if self.i >= len(self.s):
            raise _Syntax(f"token recognition error at: '{q}'")
        self.i += 1
        return out

    def primitive(self):
        text = ""
        plain = True
        while self.i < len(self.s):
            c = self.s[self.i]
            if self.s.startswith("${", self.i):
                depth, j = 0, self.i
                while j < len(self.s):
                    if self.s.startswith("${", j):
                        depth += 1
                        j += 1
                    elif self.s[j] == "}":
                        depth -= 1
                        if depth == 0:
                            break
                    j += 1
                if j >= len(self.s):
                    raise _Syntax("token recognition error at: '${'")
                text += self.s[self.i:j + 1]
                self.i = j + 1
                plain = False
                continue
            if c == "\\" and self.i + 1 < len(self.s) and self.s[self.i + 1] in "\\()[]{}:=, \t":
                text += self.s[self.i + 1]
                self.i += 2
                plain = False
                continue
            if c in ",]}":
                break
            if c in "[{()='\"":
                raise _Syntax(f"token recognition error at: '{c}'")
            text += c
            self.i += 1
        text = text.strip(" \t")
        if plain and " " not in text and "\t" not in text:
            low = text.lower()
            if low == "null":
                return None
            if low in ("true", "false"):
                return low == "true"
            if _INT.match(text) and "__" not in text and not text.rstrip("_") != text:
                return int(text.replace("_", ""))
            if _FLOAT.match(text):
                return float(text.replace("_", ""))
        return text


def parse_override(text):
    kind = "change"
    rest = text
    if rest.startswith("++"):
        kind, rest = "force_add", rest[2:]
    elif rest.startswith("+"):
        kind, rest = "add", rest[1:]
    elif rest.startswith("~"):
        kind, rest = "delete", rest[1:]
    key, eq, value_text = rest.partition("=")
    if not re.fullmatch(r"[A-Za-z0-9_\-./@]+", key) or key.startswith(".") or key.endswith("."):
        raise _Syntax(f"no viable alternative at input '{key}'")
    if not eq:
        if kind != "delete":
            raise _Syntax("mismatched input '<EOF>' expecting '='")
        return kind, key, None, False, text
    if value_text == "":
        return kind, key, "", False, text
    value, sweep = _ValueParser(value_text).top()
    return kind, key, value, sweep, text


def merge_config_paths(overrides):
    """gym's _merge_config_paths."""
    prefix = "+config_paths=["
    inner, rest, found = [], [], False
    for o in overrides:
        if o.startswith(prefix) and o.endswith("]") and len(o) > len(prefix):
            found = True
            inner += [p for p in o[len(prefix):-1].split(",") if p]
        else:
            rest.append(o)
    if not found:
        return list(overrides)
    return [prefix + ",".join(inner) + "]"] + rest


def hydra_overrides(overrides):
    parsed = []
    for idx, o in enumerate(overrides):
        try:
            parsed.append(parse_override(o))
        except _Syntax as e:
            raise NemoError("HydraError", f"Error when parsing index: {idx}, string: {o} out of {overrides}\n{e}"
                            "\nSee https://hydra.cc/docs/1.2/advanced/override_grammar/basic for details")
    for kind, key, value, sweep, line in parsed:
        if sweep:
            raise NemoError("HydraError", f"Ambiguous value for argument '{line}'\n"
                            "1. To use it as a list, use key=[value1,value2]\n"
                            "2. To use it as string, quote the value: key=\\'value1,value2\\'\n"
                            "3. To sweep over it, add --multirun to your command line")
    cfg = OmegaConf.create({})
    OmegaConf.set_struct(cfg, True)
    for kind, key, value, sweep, line in parsed:
        try:
            if kind == "delete":
                existing = OmegaConf.select(cfg, key, throw_on_missing=False)
                if existing is None:
                    raise NemoError("HydraError", f"Could not delete from config. '{key}' does not exist.")
                if value is not None and existing != value:
                    raise NemoError("HydraError",
                                    f"Could not delete from config. The value of '{key}' is {existing} and not {value}.")
                last_dot = key.rfind(".")
                from omegaconf import open_dict
                with open_dict(cfg):
                    if last_dot == -1:
                        del cfg[key]
                    else:
                        del OmegaConf.select(cfg, key[:last_dot])[key[last_dot + 1:]]
            elif kind == "add":
                if OmegaConf.select(cfg, key, throw_on_missing=False) is None or isinstance(value, (dict, list)):
                    OmegaConf.update(cfg, key, value, merge=True, force_add=True)
                else:
                    raise NemoError("HydraError", f"Could not append to config. An item is already at '{key}'.\n"
                                    f"Either remove + prefix: '{line[1:]}'\n"
                                    f"Or add a second + to add or override '{key}': '+{line}'")
            elif kind == "force_add":
                OmegaConf.update(cfg, key, value, merge=True, force_add=True)
            else:
                try:
                    OmegaConf.update(cfg, key, value, merge=True)
                except (ConfigKeyError, AttributeError, KeyError) as ex:
                    raise NemoError("HydraError", f"Could not override '{key}'.\nTo append to your config use +{line}") from ex
        except OmegaConfBaseException as ex:
            # Hydra: ConfigCompositionException("Error merging override <line>") from ex;
            # run_and_report prints the OmegaConf cause on the next line.
            raise NemoError("HydraError", f"Error merging override {line}\n{ex}") from ex
    OmegaConf.set_struct(cfg, False)
    return cfg


# ---------------------------------------------------------------- NeMo Gym's parser

def load_yaml(path):
    try:
        return OmegaConf.load(path)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        if mark is not None:
            raise NemoError("ConfigError", f"Malformed YAML in '{path}' at line {mark.line + 1}, column "
                            f"{mark.column + 1}: {e.problem}")
        raise NemoError("ConfigError", f"Malformed YAML in '{path}': {str(e).splitlines()[0]}")


def search_roots(cwd, env):
    extra = [p for p in env.get("NEMO_GYM_EXTRA_ROOTS", "").split(os.pathsep) if p]
    roots, seen = [], set()
    for r in extra + [str(cwd)]:
        p = Path(r) if Path(r).is_absolute() else Path(cwd) / r
        key = p.resolve()
        if key in seen:
            continue
        seen.add(key)
        roots.append(Path(os.path.normpath(p)))
    return roots


def resolve_under(entry, roots):
    if Path(entry).is_absolute():
        return Path(entry)
    for r in roots:
        if (r / entry).exists():
            return r / entry
    return roots[0] / entry


def load_extra_config_paths(config_paths, roots):
    config_paths = list(config_paths)
    children = {}
    configs = {}
    duplicates = []
    idx = 0
    while idx < len(config_paths):
        entry = config_paths[idx]
        path = resolve_under(entry, roots)
        if not path.is_file():
            looked = [str(path)] if Path(entry).is_absolute() else [str(r / entry) for r in roots]
            raise NemoError("ConfigPathNotFoundError",
                            f"config_paths entry '{entry}' was not found. Looked in:\n"
                            + "".join(f"  - {p}\n" for p in looked)
                            + "Check the path is spelled correctly and is relative to your working directory, "
                            "an extra root\n(NEMO_GYM_EXTRA_ROOTS / --search-dir), or the Gym install root.")
        cfg = load_yaml(path)
        configs[idx] = cfg
        nested = cfg.get("config_paths") or []
        for n in nested:
            if n in config_paths:
                duplicates.append(n)
                continue
            config_paths.append(n)
            children.setdefault(idx, []).append(len(config_paths) - 1)
        idx += 1
    top = [i for i in range(len(config_paths)) if not any(i in c for c in children.values())]
    order = []
    stack = [(i, False) for i in reversed(top)]
    while stack:
        i, expanded = stack.pop()
        if expanded:
            order.append(i)
            continue
        stack.append((i, True))
        for c in reversed(children.get(i, [])):
            stack.append((c, False))
    if duplicates:
        # print() in load_extra_config_paths: stdout, ahead of the dumped config
        NOTICES.append("Found configs that reference the same source config path. You may want to double check "
                       "whether the configs you have need to use different configs for the same server.\n"
                       "In cases like these, you may want to consider using the `inherit_from` OmegaConf directive "
                       "e.g. '++my_specific_server=${inherit_from:generic_server}' and then overriding config "
                       "parameters in `my_specific_server`.\nDuplicate config paths:\n"
                       + "".join(f"- {p}\n" for p in duplicates) + "\n")
    return config_paths, [configs[i] for i in order]


def _index_path(frozen, path):
    """The source of a directive; '???' when it or an ancestor is MISSING (nemo-gym.md 1.8)."""
    node = frozen
    for p in path:
        if not isinstance(node, DictConfig) or node._get_node(p) is None:
            raise NemoError("InheritPathNotFoundError", f"Path specified does not exist in config: {path}")
        value = node._get_node(p)
        if value._is_missing():
            return "???"
        node = node._get_node(p)
        if not isinstance(node, (DictConfig, ListConfig)):
            node = node._value()
    return node


def swap_keys(g):
    frozen = g.copy()
    frozen = OmegaConf.create(OmegaConf.to_container(g, resolve=False))

    def helper(node):
        for k, v in list(node.items_ex(resolve=False)):
            remaining = []
            if isinstance(v, DictConfig) and "_delete_key" in v:
                keys = v.pop("_delete_key")
                for key in [x.strip() for x in str(keys).split(",")]:
                    if key in v:
                        v.pop(key)
                    else:
                        remaining.append(key)
            if isinstance(v, DictConfig):
                helper(v)
            elif isinstance(v, ListConfig):
                for item in v:
                    if isinstance(item, DictConfig):
                        helper(item)
            directive = None
            property_form = False
            if isinstance(v, str):
                for prefix, inherit in (("${inherit_from:", True), ("${copy:", False)):
                    if v.startswith(prefix):
                        directive = (inherit, v[len(prefix):].split("}")[0])
            elif isinstance(v, DictConfig):
                for key, inherit in (("_inherit_from", True), ("_copy", False)):
                    if key in v:
                        directive = (inherit, str(v.pop(key)))
                        property_form = True
                        break
            if directive is None:
                node[k] = v
                continue
            inherit, text = directive
            path = [p.strip() for p in text.split(".")]
            if inherit:
                containing = g
                for p in path[:-1]:
                    containing = containing.get(p) if isinstance(containing, DictConfig) else None
                    if containing is None:
                        break
                if isinstance(containing, DictConfig):
                    containing.pop(path[-1], None)
            swapped = _index_path(frozen, path)
            if isinstance(swapped, (DictConfig, ListConfig)):
                swapped = OmegaConf.create(OmegaConf.to_container(swapped, resolve=False))
            if property_form and isinstance(swapped, DictConfig):
                v = OmegaConf.merge(swapped, v)
            else:
                v = swapped
            for key in remaining:
                v.pop(key)
            if k in node:
                node[k] = v

    helper(g)


def missing_values(g):
    found = []

    def walk(v, path):
        if isinstance(v, dict):
            for k, x in v.items():
                walk(x, f"{path}.{k}" if path else str(k))
        elif isinstance(v, list):
            for i, x in enumerate(v):
                walk(x, f"{path}[{i}]")
        elif v == "???":
            found.append(path)

    walk(OmegaConf.to_container(g, resolve=False, throw_on_missing=False), "")
    if found:
        msg = f"{len(found)} required config value(s) are unset (still '???') after merging:\n"
        msg += "".join(f"  - {p}\n" for p in found)
        msg += ("\nProvide each value via a CLI override, in env.yaml, or in a config you pass via config_paths.\n"
                "For example, on the command line:")
        msg += "".join(f"\n  ++{p}=<value>" for p in found[:3])
        raise NemoError("ConfigMissingValuesError", msg)


def server_instances(g):
    """filter_for_server_instance_configs: the top-level values the validation accepts."""
    out = []
    for name, value in g.items():
        if name in RESERVED or not isinstance(value, DictConfig):
            continue
        container = OmegaConf.to_container(value, resolve=False)
        if validation.validate_server_instance(container):
            continue
        for t in SERVER_TYPES:
            if t in container:
                out.append((name, t, next(iter(container[t]))))
                break
    return out


def hide_secrets(node):
    """secret_utils.py::recursively_hide_secrets (nemo-gym.md 1.13)."""
    for k, v in list(node.items()):
        if isinstance(v, (DictConfig, dict)):
            hide_secrets(v)
        elif isinstance(v, (ListConfig, list)):
            if "token" in k or "key" in k:
                node[k] = ["****"] * len(v)
            else:
                for inner in v:
                    if isinstance(inner, (DictConfig, dict)):
                        hide_secrets(inner)
        elif "token" in k or "key" in k:
            node[k] = "****"


def report_almost_servers(g):
    """detect_and_report_almost_servers and what parse() does with them."""
    import copy
    almost = []
    for name, value in g.items():
        if name in RESERVED or not isinstance(value, DictConfig):
            continue
        container = OmegaConf.to_container(value, resolve=False)
        errors = validation.validate_server_instance(container)
        if errors and validation.is_almost_server(container):
            almost.append((name, errors))
    if not almost:
        return
    bar = "\u2550" * 51
    NOTICES.append(f"{bar}\nConfiguration Warnings: Almost-Servers Detected\n{bar}\n"
                   + "".join(validation.almost_server_warning(n, e) + "\n" for n, e in almost) + f"{bar}\n\n")
    if g.get("error_on_almost_servers", True):
        logged = copy.deepcopy(g)
        hide_secrets(logged)
        raise NemoError("AlmostServerError",
                        f"Found {len(almost)} almost-server(s) with validation errors. Fix the issues above or set "
                        "error_on_almost_servers=false to bypass this error.\nFound global config dict yaml:\n"
                        + OmegaConf.to_yaml(logged))


def merge_dummy_models(g):
    for value in g.values():  # .values() resolves each top-level value
        if not isinstance(value, DictConfig) or "responses_api_models" not in value:
            continue
        models = value.responses_api_models
        if not isinstance(models, DictConfig) or "dummy_model" not in models:
            continue
        if len(value) > 1 or len(models) > 1:
            dummy = models.pop("dummy_model")
            if len(models):
                first = list(models.keys())[0]
                models[first] = OmegaConf.merge(dummy, models[first])


def populate(g, env, cwd, ports):
    use_absolute_ip = g.setdefault("use_absolute_ip", False)
    default_host = g.get("default_host") or "127.0.0.1"
    head_port = g.get("head_server", {}).get("port", 11000)
    disallowed = [head_port]
    low = g.setdefault("port_range_low", 10001)
    high = g.setdefault("port_range_high", 20000)
    instances = server_instances(g)
    names = {t: [n for n, tt, _ in instances if tt == t] for t in SERVER_TYPES}
    for name, t, impl in instances:
        inner = g[name][t][impl]
        for field, value in inner.items():  # resolves each of the inner dict's values first
            # is_server_ref: pydantic's ServerRef union, other keys ignored
            if isinstance(value, DictConfig) and value.get("type") in SERVER_TYPES and isinstance(value.get("name"), str):
                if value.name not in names[value.type]:
                    close = difflib.get_close_matches(value.name, names[value.type], n=3, cutoff=0.6)
                    msg = (f"In server instance '{name}', field '{field}' references {value.type}/'{value.name}', "
                           "which is not defined in the merged config.\n")
                    if close:
                        msg += "Did you mean: " + ", ".join(repr(c) for c in close) + "?"
                    else:
                        msg += f"Available {value.type}: " + (", ".join(repr(c) for c in sorted(names[value.type]))
                                                              or "(none)")
                    raise NemoError("ServerRefNotFoundError", msg)
        if not inner.get("host"):
            inner["host"] = default_host
        if not inner.get("port"):
            port = ports(low, high, disallowed)
            inner["port"] = port
            disallowed.append(port)
        else:
            disallowed.append(inner.port)
        if t == "responses_api_agents":
            for k in ("skip_verification", "skip_verification_reward"):
                if g.get(k) is not None and k not in inner:
                    inner[k] = g[k]
    if not g.get("head_server"):
        g["head_server"] = {"host": default_host, "port": 11000}
    g["disallowed_ports"] = disallowed
    skew = g.setdefault("allow_openai_version_skew", False)
    if not isinstance(skew, bool):
        raise NemoError("ConfigError", f"allow_openai_version_skew must be a boolean (true/false), got {skew!r}.")
    version = python_version()
    if version:
        g["python_version"] = version
    g.setdefault("skip_venv_if_present", False)
    g.setdefault("dry_run", False)
    g.setdefault("model_endpoint_readiness_timeout_seconds", 600)
    working = Path(cwd).resolve()
    for key, default in (("results_dir", working / "results"), ("cache_dir", working / "cache")):
        v = g.setdefault(key, str(default))
        if not isinstance(v, str) or not v:
            raise NemoError("ConfigError", f"{key} must be a non-empty path string, got {v!r}.")
        p = Path(v).expanduser()
        if not p.is_absolute():
            p = Path(cwd) / p
        g[key] = str(p.resolve())
    g.setdefault("uv_cache_dir", f"{g.cache_dir}/uv")
    g.setdefault("uv_venv_dir", str(working))


def python_version():
    """ngdoctor takes python_version from `python3 --version` on PATH (the Python running
    NeMo Gym cannot be known), so the reference does the same."""
    try:
        out = subprocess.run(["python3", "--version"], capture_output=True, text=True, timeout=30)
    except OSError:
        return None
    text = (out.stdout or out.stderr).strip()
    return text[len("Python "):] if out.returncode == 0 and text.startswith("Python ") else None


def interpolation_error(e):
    m = re.search(r"Interpolation key '([^']+)' not found", str(e))
    if isinstance(e, InterpolationKeyError) and m:
        key = m.group(1)
        return NemoError("ConfigInterpolationError",
                         f"Config value '{e.full_key}' references '{key}', which is not set after merging.\n\n"
                         "Provide it via a CLI override, in env.yaml, or in a config you pass via config_paths.\n"
                         f"For example, on the command line:\n  ++{key}=<value>")
    return NemoError("ConfigInterpolationError", str(e))


def parse(overrides, env_file, cwd, env, ports):
    """Returns the final DictConfig (unresolved interpolations, no redaction)."""
    NOTICES.clear()
    try:
        return _parse(overrides, env_file, cwd, env, ports)
    except GrammarParseError as e:
        raise NemoError("GrammarParseError", str(e))
    except ConfigTypeError as e:
        # OmegaConf.merge of a dict with a list: not a ConfigError, NeMo Gym shows a traceback.
        raise NemoError("ConfigTypeError", str(e))
    except InterpolationResolutionError as e:
        raise interpolation_error(e)


def _parse(overrides, env_file, cwd, env, ports):
    if env.get("NEMO_GYM_CONFIG_DICT"):
        return OmegaConf.create(env["NEMO_GYM_CONFIG_DICT"])
    cli = hydra_overrides(merge_config_paths(overrides))
    roots = search_roots(cwd, env)
    if env_file is not None:
        dotenv_path = Path(env_file) if Path(env_file).is_absolute() else Path(cwd) / env_file
    else:
        dotenv_path = resolve_under("env.yaml", roots)
    dotenv = load_yaml(dotenv_path) if dotenv_path.exists() else OmegaConf.create({})
    merged = OmegaConf.merge(dotenv, cli)
    config_paths = merged.get("config_paths") or []
    if isinstance(config_paths, ListConfig):
        config_paths = OmegaConf.to_container(config_paths, resolve=True)
    if not isinstance(config_paths, list) or not all(isinstance(p, str) for p in config_paths):
        raise NemoError("MalformedConfigPathsError",
                        f"'config_paths' must be a list of paths. Got: {config_paths!r}.\n"
                        "Pass each config with --config (it builds the list for you), e.g.:\n"
                        "  gym env start --config resources_servers/<env>/configs/<env>.yaml")
    config_paths, configs = load_extra_config_paths(config_paths, roots)
    configs.append(dotenv)
    g = OmegaConf.merge(*configs, cli)
    if config_paths:
        g.config_paths = config_paths
    swap_keys(g)
    missing_values(g)
    merge_dummy_models(g)
    report_almost_servers(g)
    populate(g, env, cwd, ports)
    # ng_dump_config's redaction walk resolves every value; without redaction the dump does.
    OmegaConf.to_container(g, resolve=True)
    return g
