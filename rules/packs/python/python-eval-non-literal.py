import ast
import json


def parse(expr, payload):
    # ruleid: python-eval-non-literal
    value = eval(expr)
    # ruleid: python-eval-non-literal
    total = eval("sum(" + payload + ")", {"__builtins__": {}})
    # ok: python-eval-non-literal
    value = ast.literal_eval(expr)
    # ok: python-eval-non-literal
    data = json.loads(payload)
    # ok: python-eval-non-literal
    constant = eval("1 + 1")
    return value, total, data, constant
