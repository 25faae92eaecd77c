import html
from fastapi.responses import HTMLResponse
from fastapi import Depends, FastAPI

app = FastAPI()


@app.get("/case0")
def case0(value: str):
    # ruleid: python-fastapi-xss-taint
    return HTMLResponse(f"<h1>Hello {value}</h1>")


@app.get("/case1")
def case1(value: str):
    # ruleid: python-fastapi-xss-taint
    return HTMLResponse(content="<p>" + value + "</p>", status_code=200)


@app.get("/case2")
def case2(value: str):
    # ok: python-fastapi-xss-taint
    return HTMLResponse(f"<h1>Hello {html.escape(value)}</h1>")


@app.get("/case3")
def case3(value: str):
    # ok: python-fastapi-xss-taint
    return {"hello": value}
