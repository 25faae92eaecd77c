import sqlalchemy
from django.http import HttpResponse


def case0(request):
    value = request.GET.get("q")
    # ruleid: python-django-sqli-taint
    cursor.execute("SELECT * FROM users WHERE name = '%s'" % value)


def case1(request):
    value = request.POST["q"]
    query = "SELECT * FROM users WHERE name = '" + value + "'"
    # ruleid: python-django-sqli-taint
    cursor.execute(query)


def case2(request):
    value = request.COOKIES.get("q")
    # ruleid: python-django-sqli-taint
    session.execute(sqlalchemy.text(f"SELECT * FROM users WHERE name = '{value}'"))


def case3(request):
    value = request.GET["q"]
    sql = "DELETE FROM items WHERE owner = '{}'".format(value)
    # ruleid: python-django-sqli-taint
    cursor.executemany(sql, [])


def case4(request):
    value = request.POST.get("q", "")
    # ok: python-django-sqli-taint
    cursor.execute("SELECT * FROM users WHERE name = %s", (value,))


def case5(request):
    value = request.GET.get("q")
    # ok: python-django-sqli-taint
    session.execute(sqlalchemy.text("SELECT * FROM users WHERE name = :name"), {"name": value})


def case6(request):
    value = request.POST["q"]
    # ok: python-django-sqli-taint
    cursor.execute("SELECT * FROM users WHERE id = %d" % int(value))


def raw_case(request):
    name = request.GET["name"]
    # ruleid: python-django-sqli-taint
    return User.objects.raw("SELECT * FROM auth_user WHERE username = '%s'" % name)


def raw_ok(request):
    name = request.GET["name"]
    # ok: python-django-sqli-taint
    return User.objects.raw("SELECT * FROM auth_user WHERE username = %s", [name])


def extra_case(request):
    # ruleid: python-django-sqli-taint
    return User.objects.extra(where=["username = '%s'" % request.GET["u"]])
