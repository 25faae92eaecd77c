import yaml
from yaml import SafeLoader


def read_config(text):
    # ruleid: python-pyyaml-unsafe-load
    a = yaml.load(text)
    # ruleid: python-pyyaml-unsafe-load
    b = yaml.load(text, Loader=yaml.Loader)
    # ruleid: python-pyyaml-unsafe-load
    c = yaml.unsafe_load(text)
    # ruleid: python-pyyaml-unsafe-load
    d = list(yaml.load_all(text, Loader=yaml.UnsafeLoader))
    # ok: python-pyyaml-unsafe-load
    e = yaml.safe_load(text)
    # ok: python-pyyaml-unsafe-load
    f = yaml.load(text, Loader=yaml.SafeLoader)
    # ok: python-pyyaml-unsafe-load
    g = yaml.load(text, Loader=SafeLoader)
    # ok: python-pyyaml-unsafe-load
    h = yaml.load(text, yaml.CSafeLoader)
    return a, b, c, d, e, f, g, h


def read_ruamel(text):
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    # ok: python-pyyaml-unsafe-load
    return yaml.load(text)
