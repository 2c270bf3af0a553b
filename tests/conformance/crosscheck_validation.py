"""Cross-check of nemo_gym_validation.py (a hand translation of NeMo Gym's pydantic models) against
the real thing: NeMo Gym's own nemo_gym/config_types.py validated by pydantic, and its
format_almost_server_warning taken from nemo_gym/global_config.py. The conformance run uses the
translation because the Python that carries OmegaConf may lack pydantic; this script proves the
translation gives the same verdict and the same printed text on every server block of every case
and on generated variants of their datasets.

Usage: tests/conformance/crosscheck_validation.py GYM_SOURCE_DIR [PYDANTIC_SITE_PACKAGES]
(GYM_SOURCE_DIR holds nemo_gym/config_types.py and nemo_gym/global_config.py). Needs a Python
that imports omegaconf; pydantic may come from another site-packages folder of the same version.
"""
import ast
import copy
import itertools
import sys
import tempfile
import types
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent


def load_gym(gym_dir, extra_site):
    # config_types imports rich only to print CLI help; a silent stand-in keeps the import light.
    rich = types.ModuleType("rich")
    rich.print = lambda *a, **k: None
    for sub, cls in (("markdown", "Markdown"), ("text", "Text")):
        m = types.ModuleType("rich." + sub)
        setattr(m, cls, type(cls, (), {}))
        sys.modules["rich." + sub] = m
    sys.modules["rich"] = rich
    if extra_site:
        sys.path.append(extra_site)  # after the system's folders: its antlr4 must not win
    package = types.ModuleType("nemo_gym")
    package.__path__ = []
    sys.modules["nemo_gym"] = package
    source = (Path(gym_dir) / "nemo_gym/config_types.py").read_text()
    config_types = types.ModuleType("nemo_gym.config_types")
    exec(compile(source, "nemo_gym/config_types.py", "exec"), config_types.__dict__)
    sys.modules["nemo_gym.config_types"] = config_types
    # global_config pulls in ray and the whole runtime: take only the two pieces used here.
    gc_source = (Path(gym_dir) / "nemo_gym/global_config.py").read_text()
    tree = ast.parse(gc_source)
    wanted = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "format_almost_server_warning"]
    global_config = types.ModuleType("nemo_gym.global_config")
    global_config.ENTRYPOINT_KEY_NAME = "entrypoint"
    from collections import defaultdict
    global_config.__dict__.update(defaultdict=defaultdict, ValidationError=config_types.ValidationError)
    exec(compile(ast.Module(body=wanted, type_ignores=[]), "nemo_gym/global_config.py", "exec"), global_config.__dict__)
    sys.modules["nemo_gym.global_config"] = global_config
    return config_types, global_config


def real_verdict(config_types, global_config, name, value):
    from omegaconf import OmegaConf
    node = OmegaConf.create(value)
    config, error = config_types.maybe_get_server_instance_config(name=name, server_type_config_dict=node)
    if config is not None:
        return "valid", None
    almost = config_types.is_almost_server(node)
    return ("almost" if almost else "other"), global_config.format_almost_server_warning(name, error)


def mine_verdict(validation, name, value):
    errors = validation.validate_server_instance(value)
    if not errors:
        return "valid", None
    return ("almost" if validation.is_almost_server(value) else "other"), validation.almost_server_warning(name, errors)


def server_blocks():
    """Every top-level mapping of every case file that names a server type."""
    import yaml
    sys.path.insert(0, str(HERE))
    run = types.ModuleType("run")
    run.__file__ = str(HERE / "run")
    exec(compile((HERE / "run").read_text(), "run", "exec"), run.__dict__)
    for path in sorted((HERE / "cases").glob("*.case")):
        case = run.parse_case(path)
        for fname, text in case["files"].items():
            try:
                doc = yaml.safe_load(text)
            except yaml.YAMLError:
                continue
            if not isinstance(doc, dict):
                continue
            for name, value in doc.items():
                if isinstance(value, dict) and any(t in value for t in ("responses_api_models", "resources_servers",
                                                                         "responses_api_agents")):
                    yield f"{path.stem}:{fname}:{name}", str(name), value


DATASET_VARIANTS = {
    "type": ["train", "validation", "example", "benchmark", "bogus", 3, None],
    "license": ["MIT", "GPL", "TBD", None, 5],
    "num_repeats": [1, 0, "3", "x", 2.5, -1, True],
    "jsonl_fpath": ["d.jsonl", None, 7],
    "prepare_script": [None, "prep.py"],
    "source": [None, {"type": "huggingface", "repo_id": "a/b"}, {"type": "gitlab"}, {"type": "s3"}, "x", {}],
    "huggingface_identifier": [None, {"repo_id": "a/b"}, {}],
}


def generated_blocks():
    keys = list(DATASET_VARIANTS)
    for combo in itertools.product(*(DATASET_VARIANTS[k] for k in keys)):
        dataset = {"name": "d"}
        for k, v in zip(keys, combo):
            if v is not None:
                dataset[k] = copy.deepcopy(v)
        for domain in ("math", "bogus", None):
            inner = {"entrypoint": "app.py", "datasets": [dataset]}
            if domain:
                inner["domain"] = domain
            yield f"generated {dataset} domain={domain}", "s", {"resources_servers": {"impl": inner}}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    config_types, global_config = load_gym(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
    import warnings
    warnings.simplefilter("ignore")
    sys.path.insert(0, str(HERE))
    import nemo_gym_validation as validation
    checked = differ = 0
    for label, name, value in itertools.chain(server_blocks(), generated_blocks()):
        checked += 1
        want = real_verdict(config_types, global_config, name, copy.deepcopy(value))
        got = mine_verdict(validation, name, copy.deepcopy(value))
        if want != got:
            differ += 1
            if differ <= 10:
                print(f"DIFFERS {label}\n--- pydantic: {want[0]}\n{want[1]}\n--- translation: {got[0]}\n{got[1]}\n")
    print(f"crosscheck: {checked} server blocks, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
