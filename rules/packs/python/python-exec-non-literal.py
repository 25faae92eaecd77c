import importlib


def load_plugin(source, name):
    # ruleid: python-exec-non-literal
    exec(source)
    # ruleid: python-exec-non-literal
    exec(f"import {name}", {})
    # ok: python-exec-non-literal
    exec("x = 1", {})
    # ok: python-exec-non-literal
    return importlib.import_module("plugins." + name)
