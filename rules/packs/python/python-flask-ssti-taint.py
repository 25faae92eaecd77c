import jinja2
from flask import render_template_string
import flask
from flask import Flask, request

app = Flask(__name__)


@app.route("/case0")
def case0():
    value = request.args.get("q")
    # ruleid: python-flask-ssti-taint
    return render_template_string("<h1>Hello " + value + "</h1>")


@app.route("/case1")
def case1():
    value = request.form["q"]
    page = f"<p>{value}</p>"
    # ruleid: python-flask-ssti-taint
    return jinja2.Template(page).render()


@app.route("/case2")
def case2():
    value = request.get_json()["q"]
    # ok: python-flask-ssti-taint
    return render_template_string("<h1>Hello {{ name }}</h1>", name=value)


@app.route("/case3")
def case3():
    value = request.cookies.get("q")
    # ok: python-flask-ssti-taint
    return jinja2.Template("<p>{{ v }}</p>").render(v=value)
