import json
import pickle

import dill


def restore(blob, path):
    # ruleid: python-pickle-load
    obj = pickle.loads(blob)
    with open(path, "rb") as fh:
        # ruleid: python-pickle-load
        state = pickle.load(fh)
    # ruleid: python-pickle-load
    func = dill.loads(blob)
    # ok: python-pickle-load
    data = json.loads(blob)
    # ok: python-pickle-load
    out = pickle.dumps(obj)
    return obj, state, func, data, out
