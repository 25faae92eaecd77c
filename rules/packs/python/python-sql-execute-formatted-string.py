import sqlite3


def find_user(conn, name, user_id):
    cur = conn.cursor()
    # ruleid: python-sql-execute-formatted-string
    cur.execute("SELECT * FROM users WHERE name = '%s'" % name)
    # ruleid: python-sql-execute-formatted-string
    cur.execute(f"SELECT * FROM users WHERE id = {user_id}")
    # ruleid: python-sql-execute-formatted-string
    cur.execute("DELETE FROM users WHERE name = '" + name + "'")
    query = "UPDATE users SET seen = 1 WHERE name = '{}'".format(name)
    # ruleid: python-sql-execute-formatted-string
    cur.execute(query)
    # ok: python-sql-execute-formatted-string
    cur.execute("SELECT * FROM users WHERE name = %s", (name,))
    # ok: python-sql-execute-formatted-string
    cur.execute("SELECT * FROM users WHERE id = ?", [user_id])
    # ok: python-sql-execute-formatted-string
    cur.execute("SELECT * FROM users " + "ORDER BY id")
    # ok: python-sql-execute-formatted-string
    cur.execute(f"SELECT count(*) FROM users")
    return cur.fetchall()
