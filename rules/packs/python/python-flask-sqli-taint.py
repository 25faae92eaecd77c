import sqlalchemy
import flask
from flask import Flask, request

app = Flask(__name__)


@app.route("/case0")
def case0():
    value = request.args.get("q")
    # ruleid: python-flask-sqli-taint
    cursor.execute("SELECT * FROM users WHERE name = '%s'" % value)


@app.route("/case1")
def case1():
    value = request.form["q"]
    query = "SELECT * FROM users WHERE name = '" + value + "'"
    # ruleid: python-flask-sqli-taint
    cursor.execute(query)


@app.route("/case2")
def case2():
    value = request.get_json()["q"]
    # ruleid: python-flask-sqli-taint
    session.execute(sqlalchemy.text(f"SELECT * FROM users WHERE name = '{value}'"))


@app.route("/case3")
def case3():
    value = request.cookies.get("q")
    sql = "DELETE FROM items WHERE owner = '{}'".format(value)
    # ruleid: python-flask-sqli-taint
    cursor.executemany(sql, [])


@app.route("/case4")
def case4():
    value = request.values.get("q")
    # ok: python-flask-sqli-taint
    cursor.execute("SELECT * FROM users WHERE name = %s", (value,))


@app.route("/case5")
def case5():
    value = request.args.get("q")
    # ok: python-flask-sqli-taint
    session.execute(sqlalchemy.text("SELECT * FROM users WHERE name = :name"), {"name": value})


@app.route("/case6")
def case6():
    value = request.form["q"]
    # ok: python-flask-sqli-taint
    cursor.execute("SELECT * FROM users WHERE id = %d" % int(value))


@app.route("/user/<name>")
def route_arg(name):
    # ruleid: python-flask-sqli-taint
    cursor.execute("SELECT * FROM users WHERE name = '" + name + "'")
