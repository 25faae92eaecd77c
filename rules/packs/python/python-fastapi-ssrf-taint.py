import httpx
import requests
import urllib.request
from fastapi import Depends, FastAPI

app = FastAPI()


@app.get("/case0")
def case0(value: str):
    # ruleid: python-fastapi-ssrf-taint
    return requests.get(value, timeout=5).text


@app.get("/case1")
def case1(value: str):
    url = "http://%s/internal/status" % value
    # ruleid: python-fastapi-ssrf-taint
    return urllib.request.urlopen(url).read()


@app.get("/case2")
def case2(value: str):
    # ruleid: python-fastapi-ssrf-taint
    resp = httpx.post(f"{value}/hooks", json={})


@app.get("/case3")
def case3(value: str):
    # ruleid: python-fastapi-ssrf-taint
    requests.request("GET", value)


@app.get("/case4")
def case4(value: str):
    # ok: python-fastapi-ssrf-taint
    return requests.get("https://api.example.com/search", params={"q": value}, timeout=5).text


@app.get("/case5")
def case5(value: str):
    # ok: python-fastapi-ssrf-taint
    httpx.post("https://hooks.example.com/notify", json={"message": value})
