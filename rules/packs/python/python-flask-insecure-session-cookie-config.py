from flask import Flask

app = Flask(__name__)
# ruleid: python-flask-insecure-session-cookie-config
app.config["SESSION_COOKIE_SECURE"] = False
# ruleid: python-flask-insecure-session-cookie-config
app.config.update(SESSION_COOKIE_HTTPONLY=False, TESTING=True)
# ok: python-flask-insecure-session-cookie-config
app.config["SESSION_COOKIE_SECURE"] = True
# ok: python-flask-insecure-session-cookie-config
app.config.update(SESSION_COOKIE_SAMESITE="Lax", TESTING=False)
