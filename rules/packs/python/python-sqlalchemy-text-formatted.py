from sqlalchemy import literal_column, select, text


def search(session, name, column):
    # ruleid: python-sqlalchemy-text-formatted
    rows = session.execute(text(f"SELECT * FROM users WHERE name = '{name}'"))
    # ruleid: python-sqlalchemy-text-formatted
    stmt = select(literal_column("users." + column))
    # ruleid: python-sqlalchemy-text-formatted
    session.execute(text("SELECT * FROM users ORDER BY %s" % column))
    # ok: python-sqlalchemy-text-formatted
    rows = session.execute(text("SELECT * FROM users WHERE name = :name"), {"name": name})
    # ok: python-sqlalchemy-text-formatted
    stmt = text("SELECT * FROM users WHERE name = :name").bindparams(name=name)
    return rows, stmt
