import urllib.parse
from flask import redirect, url_for
import flask
from flask import Flask, request

app = Flask(__name__)


@app.route("/case0")
def case0():
    value = request.args.get("q")
    # ruleid: python-flask-open-redirect-taint
    return redirect(value)


@app.route("/case1")
def case1():
    value = request.form["q"]
    target = value or "/"
    # ruleid: python-flask-open-redirect-taint
    return flask.redirect(target, code=302)


@app.route("/case2")
def case2():
    value = request.get_json()["q"]
    # ok: python-flask-open-redirect-taint
    return redirect(url_for("profile", name=value))


@app.route("/case3")
def case3():
    value = request.cookies.get("q")
    if is_safe_url(value):
        # ok: python-flask-open-redirect-taint
        return redirect(value)
    return redirect("/")
