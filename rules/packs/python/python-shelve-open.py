import shelve
import sqlite3


def cache(path):
    # ruleid: python-shelve-open
    with shelve.open(path) as db:
        return dict(db)


def cache_sql(path):
    # ok: python-shelve-open
    return sqlite3.connect(path)
