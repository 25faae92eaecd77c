from django.db.models.expressions import RawSQL

from .models import User


def lookup(name, order):
    # ruleid: python-django-raw-sql-formatted
    users = User.objects.raw("SELECT * FROM auth_user WHERE username = '%s'" % name)
    # ruleid: python-django-raw-sql-formatted
    users = User.objects.extra(where=[f"username = '{name}'"])
    # ruleid: python-django-raw-sql-formatted
    users = User.objects.annotate(val=RawSQL("SELECT col FROM t WHERE x = " + name, ()))
    # ok: python-django-raw-sql-formatted
    users = User.objects.raw("SELECT * FROM auth_user WHERE username = %s", [name])
    # ok: python-django-raw-sql-formatted
    users = User.objects.extra(where=["username = %s"], params=[name])
    # ok: python-django-raw-sql-formatted
    users = User.objects.annotate(val=RawSQL("SELECT col FROM t WHERE x = %s", (name,)))
    return users
