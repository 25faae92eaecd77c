import os

import psycopg2

# ruleid: python-hardcoded-password
DB_PASSWORD = "hunter2-prod"
# ok: python-hardcoded-password
DB_PASSWORD = os.environ["DB_PASSWORD"]
# ok: python-hardcoded-password
PASSWORD_FIELD = "password"
# ok: python-hardcoded-password
password = ""
# ok: python-hardcoded-password
MASK_PASSWORD = "********"
# ok: python-hardcoded-password
ENV_DB_PASSWORD = "ENV_DB_PASSWORD"


class Client:
    def __init__(self):
        # ruleid: python-hardcoded-password
        self.api_key = "k-81f0c2aa9e"
        # ok: python-hardcoded-password
        self.api_key_header = "X-Api-Key"


def connect():
    # ruleid: python-hardcoded-password
    return psycopg2.connect(host="db", user="app", password="s3cr3t-pw")


def connect_ok():
    # ok: python-hardcoded-password
    return psycopg2.connect(host="db", user="app", password=os.environ["PGPASSWORD"])


# ruleid: python-hardcoded-password
def login(user, password="letmein99"):
    return user, password
