import os
import shlex
import subprocess
import flask
from flask import Flask, request

app = Flask(__name__)


@app.route("/case0")
def case0():
    value = request.args.get("q")
    # ruleid: python-flask-command-injection-taint
    os.system("ping -c 1 " + value)


@app.route("/case1")
def case1():
    value = request.form["q"]
    cmd = f"tar czf /tmp/out.tgz {value}"
    # ruleid: python-flask-command-injection-taint
    subprocess.run(cmd, shell=True, check=True)


@app.route("/case2")
def case2():
    value = request.get_json()["q"]
    # ruleid: python-flask-command-injection-taint
    return os.popen("nslookup %s" % value).read()


@app.route("/case3")
def case3():
    value = request.cookies.get("q")
    # ruleid: python-flask-command-injection-taint
    subprocess.check_output(["sh", "-c", "grep " + value + " /var/log/app.log"])


@app.route("/case4")
def case4():
    value = request.values.get("q")
    # ok: python-flask-command-injection-taint
    subprocess.run(["ping", "-c", "1", value], check=True)


@app.route("/case5")
def case5():
    value = request.args.get("q")
    # ok: python-flask-command-injection-taint
    os.system("ping -c 1 " + shlex.quote(value))


@app.route("/case6")
def case6():
    value = request.form["q"]
    # ok: python-flask-command-injection-taint
    subprocess.run("uptime", shell=True)
