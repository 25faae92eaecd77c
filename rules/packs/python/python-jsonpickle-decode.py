import json

import jsonpickle


def restore(payload):
    # ruleid: python-jsonpickle-decode
    obj = jsonpickle.decode(payload)
    # ok: python-jsonpickle-decode
    data = json.loads(payload)
    # ok: python-jsonpickle-decode
    text = jsonpickle.encode(data)
    return obj, text
