import os
from werkzeug.utils import secure_filename

UPLOAD_DIR = "/srv/uploads"
import flask
from flask import Flask, request

app = Flask(__name__)


@app.route("/case0")
def case0():
    value = request.args.get("q")
    # ruleid: python-flask-path-traversal-taint
    with open("/srv/uploads/" + value) as fh:
        return fh.read()


@app.route("/case1")
def case1():
    value = request.form["q"]
    target = os.path.join(UPLOAD_DIR, value)
    # ruleid: python-flask-path-traversal-taint
    os.remove(target)


@app.route("/case2")
def case2():
    value = request.get_json()["q"]
    # ok: python-flask-path-traversal-taint
    with open(os.path.join(UPLOAD_DIR, os.path.basename(value))) as fh:
        return fh.read()


@app.route("/case3")
def case3():
    value = request.cookies.get("q")
    name = secure_filename(value)
    # ok: python-flask-path-traversal-taint
    os.remove(os.path.join(UPLOAD_DIR, name))


@app.route("/case4")
def case4():
    value = request.values.get("q")
    # ok: python-flask-path-traversal-taint
    with open(os.path.join(UPLOAD_DIR, "index.txt")) as fh:
        return fh.read() + value


@app.route("/download/<path:filename>")
def download(filename):
    # ruleid: python-flask-path-traversal-taint
    return flask.send_file(os.path.join(UPLOAD_DIR, filename))


@app.route("/static/<path:filename>")
def static_ok(filename):
    # ok: python-flask-path-traversal-taint
    return flask.send_from_directory(UPLOAD_DIR, filename)
