import ast
import flask
from flask import Flask, request

app = Flask(__name__)


@app.route("/case0")
def case0():
    value = request.args.get("q")
    # ruleid: python-flask-code-injection-taint
    result = eval(value)


@app.route("/case1")
def case1():
    value = request.form["q"]
    source = "def handler():\n    return " + value
    # ruleid: python-flask-code-injection-taint
    exec(source, {})


@app.route("/case2")
def case2():
    value = request.get_json()["q"]
    # ruleid: python-flask-code-injection-taint
    code = compile(value, "<user>", "exec")


@app.route("/case3")
def case3():
    value = request.cookies.get("q")
    # ok: python-flask-code-injection-taint
    result = ast.literal_eval(value)


@app.route("/case4")
def case4():
    value = request.values.get("q")
    # ok: python-flask-code-injection-taint
    result = eval("1 + 2")
