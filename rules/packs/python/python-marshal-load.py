import json
import marshal


def read(blob):
    # ruleid: python-marshal-load
    code = marshal.loads(blob)
    # ok: python-marshal-load
    data = json.loads(blob)
    # ok: python-marshal-load
    out = marshal.dumps(data)
    return code, out
