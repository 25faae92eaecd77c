import socket

import uvicorn
from flask import Flask

app = Flask(__name__)


def serve():
    sock = socket.socket()
    # ruleid: python-bind-all-interfaces
    sock.bind(("0.0.0.0", 8080))
    # ok: python-bind-all-interfaces
    sock.bind(("127.0.0.1", 8080))
    # ruleid: python-bind-all-interfaces
    app.run(host="0.0.0.0", port=5000)
    # ok: python-bind-all-interfaces
    app.run(host="127.0.0.1", port=5000)
    # ruleid: python-bind-all-interfaces
    uvicorn.run("main:app", host="0.0.0.0", port=8000)
