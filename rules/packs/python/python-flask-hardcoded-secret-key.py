import os

from flask import Flask

app = Flask(__name__)
# ruleid: python-flask-hardcoded-secret-key
app.secret_key = "x9f2c1d88e7a4b6f"
# ruleid: python-flask-hardcoded-secret-key
app.config["SECRET_KEY"] = "dev-key-3c5f8e"
# ruleid: python-flask-hardcoded-secret-key
app.config.update(SECRET_KEY="3c5f8e1aa9", TESTING=False)
# ok: python-flask-hardcoded-secret-key
app.secret_key = os.environ["FLASK_SECRET_KEY"]
# ok: python-flask-hardcoded-secret-key
app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY")
