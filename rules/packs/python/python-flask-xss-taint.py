import html
from flask import make_response, render_template
from markupsafe import Markup, escape
import flask
from flask import Flask, request

app = Flask(__name__)


@app.route("/case0")
def case0():
    value = request.args.get("q")
    # ruleid: python-flask-xss-taint
    return f"<h1>Hello {value}</h1>"


@app.route("/case1")
def case1():
    value = request.form["q"]
    # ruleid: python-flask-xss-taint
    return make_response("<p>" + value + "</p>", 200)


@app.route("/case2")
def case2():
    value = request.get_json()["q"]
    # ruleid: python-flask-xss-taint
    banner = Markup("<b>%s</b>" % value)


@app.route("/case3")
def case3():
    value = request.cookies.get("q")
    # ok: python-flask-xss-taint
    return f"<h1>Hello {escape(value)}</h1>"


@app.route("/case4")
def case4():
    value = request.values.get("q")
    # ok: python-flask-xss-taint
    return render_template("hello.html", name=value)


@app.route("/case5")
def case5():
    value = request.args.get("q")
    # ok: python-flask-xss-taint
    return make_response(html.escape(value))
