import os
import shlex
import subprocess
from fastapi import Depends, FastAPI

app = FastAPI()


@app.get("/case0")
def case0(value: str):
    # ruleid: python-fastapi-command-injection-taint
    os.system("ping -c 1 " + value)


@app.get("/case1")
def case1(value: str):
    cmd = f"tar czf /tmp/out.tgz {value}"
    # ruleid: python-fastapi-command-injection-taint
    subprocess.run(cmd, shell=True, check=True)


@app.get("/case2")
def case2(value: str):
    # ruleid: python-fastapi-command-injection-taint
    return os.popen("nslookup %s" % value).read()


@app.get("/case3")
def case3(value: str):
    # ruleid: python-fastapi-command-injection-taint
    subprocess.check_output(["sh", "-c", "grep " + value + " /var/log/app.log"])


@app.get("/case4")
def case4(value: str):
    # ok: python-fastapi-command-injection-taint
    subprocess.run(["ping", "-c", "1", value], check=True)


@app.get("/case5")
def case5(value: str):
    # ok: python-fastapi-command-injection-taint
    os.system("ping -c 1 " + shlex.quote(value))


@app.get("/case6")
def case6(value: str):
    # ok: python-fastapi-command-injection-taint
    subprocess.run("uptime", shell=True)
