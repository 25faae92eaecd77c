import httpx
import requests
import urllib.request
import flask
from flask import Flask, request

app = Flask(__name__)


@app.route("/case0")
def case0():
    value = request.args.get("q")
    # ruleid: python-flask-ssrf-taint
    return requests.get(value, timeout=5).text


@app.route("/case1")
def case1():
    value = request.form["q"]
    url = "http://%s/internal/status" % value
    # ruleid: python-flask-ssrf-taint
    return urllib.request.urlopen(url).read()


@app.route("/case2")
def case2():
    value = request.get_json()["q"]
    # ruleid: python-flask-ssrf-taint
    resp = httpx.post(f"{value}/hooks", json={})


@app.route("/case3")
def case3():
    value = request.cookies.get("q")
    # ruleid: python-flask-ssrf-taint
    requests.request("GET", value)


@app.route("/case4")
def case4():
    value = request.values.get("q")
    # ok: python-flask-ssrf-taint
    return requests.get("https://api.example.com/search", params={"q": value}, timeout=5).text


@app.route("/case5")
def case5():
    value = request.args.get("q")
    # ok: python-flask-ssrf-taint
    httpx.post("https://hooks.example.com/notify", json={"message": value})
