import urllib.parse
from fastapi.responses import RedirectResponse
from fastapi import Depends, FastAPI

app = FastAPI()


@app.get("/case0")
def case0(value: str):
    # ruleid: python-fastapi-open-redirect-taint
    return RedirectResponse(value)


@app.get("/case1")
def case1(value: str):
    # ruleid: python-fastapi-open-redirect-taint
    return RedirectResponse(url=value, status_code=303)


@app.get("/case2")
def case2(value: str):
    # ok: python-fastapi-open-redirect-taint
    if value in ALLOWED_REDIRECTS:
        return RedirectResponse(value)
    return RedirectResponse("/items")


@app.get("/case3")
def case3(value: str):
    if is_safe_url(value):
        # ok: python-fastapi-open-redirect-taint
        return RedirectResponse(value)
    return RedirectResponse("/")
