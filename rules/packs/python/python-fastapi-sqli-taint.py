import sqlalchemy
from fastapi import Depends, FastAPI

app = FastAPI()


@app.get("/case0")
def case0(value: str):
    # ruleid: python-fastapi-sqli-taint
    cursor.execute("SELECT * FROM users WHERE name = '%s'" % value)


@app.get("/case1")
def case1(value: str):
    query = "SELECT * FROM users WHERE name = '" + value + "'"
    # ruleid: python-fastapi-sqli-taint
    cursor.execute(query)


@app.get("/case2")
def case2(value: str):
    # ruleid: python-fastapi-sqli-taint
    session.execute(sqlalchemy.text(f"SELECT * FROM users WHERE name = '{value}'"))


@app.get("/case3")
def case3(value: str):
    sql = "DELETE FROM items WHERE owner = '{}'".format(value)
    # ruleid: python-fastapi-sqli-taint
    cursor.executemany(sql, [])


@app.get("/case4")
def case4(value: str):
    # ok: python-fastapi-sqli-taint
    cursor.execute("SELECT * FROM users WHERE name = %s", (value,))


@app.get("/case5")
def case5(value: str):
    # ok: python-fastapi-sqli-taint
    session.execute(sqlalchemy.text("SELECT * FROM users WHERE name = :name"), {"name": value})


@app.get("/case6")
def case6(value: str):
    # ok: python-fastapi-sqli-taint
    cursor.execute("SELECT * FROM users WHERE id = %d" % int(value))


@app.get("/typed")
def typed_ok(item_id: int, db=Depends(get_db)):
    # ok: python-fastapi-sqli-taint
    db.execute(sqlalchemy.text("SELECT * FROM items WHERE id = %d" % item_id))


@app.post("/async")
async def async_case(name: str):
    # ruleid: python-fastapi-sqli-taint
    await database.execute(f"SELECT * FROM users WHERE name = '{name}'")
