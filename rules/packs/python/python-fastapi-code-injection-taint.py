import ast
from fastapi import Depends, FastAPI

app = FastAPI()


@app.get("/case0")
def case0(value: str):
    # ruleid: python-fastapi-code-injection-taint
    result = eval(value)


@app.get("/case1")
def case1(value: str):
    source = "def handler():\n    return " + value
    # ruleid: python-fastapi-code-injection-taint
    exec(source, {})


@app.get("/case2")
def case2(value: str):
    # ruleid: python-fastapi-code-injection-taint
    code = compile(value, "<user>", "exec")


@app.get("/case3")
def case3(value: str):
    # ok: python-fastapi-code-injection-taint
    result = ast.literal_eval(value)


@app.get("/case4")
def case4(value: str):
    # ok: python-fastapi-code-injection-taint
    result = eval("1 + 2")
