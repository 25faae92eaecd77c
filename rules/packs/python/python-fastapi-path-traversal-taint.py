import os
from werkzeug.utils import secure_filename

UPLOAD_DIR = "/srv/uploads"
from fastapi import Depends, FastAPI

app = FastAPI()


@app.get("/case0")
def case0(value: str):
    # ruleid: python-fastapi-path-traversal-taint
    with open("/srv/uploads/" + value) as fh:
        return fh.read()


@app.get("/case1")
def case1(value: str):
    target = os.path.join(UPLOAD_DIR, value)
    # ruleid: python-fastapi-path-traversal-taint
    os.remove(target)


@app.get("/case2")
def case2(value: str):
    # ok: python-fastapi-path-traversal-taint
    with open(os.path.join(UPLOAD_DIR, os.path.basename(value))) as fh:
        return fh.read()


@app.get("/case3")
def case3(value: str):
    name = secure_filename(value)
    # ok: python-fastapi-path-traversal-taint
    os.remove(os.path.join(UPLOAD_DIR, name))


@app.get("/case4")
def case4(value: str):
    # ok: python-fastapi-path-traversal-taint
    with open(os.path.join(UPLOAD_DIR, "index.txt")) as fh:
        return fh.read() + value


from fastapi.responses import FileResponse


@app.get("/download")
async def download(filename: str):
    # ruleid: python-fastapi-path-traversal-taint
    return FileResponse(f"{UPLOAD_DIR}/{filename}")
