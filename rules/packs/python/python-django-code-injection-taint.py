import ast
from django.http import HttpResponse


def case0(request):
    value = request.GET.get("q")
    # ruleid: python-django-code-injection-taint
    result = eval(value)


def case1(request):
    value = request.POST["q"]
    source = "def handler():\n    return " + value
    # ruleid: python-django-code-injection-taint
    exec(source, {})


def case2(request):
    value = request.COOKIES.get("q")
    # ruleid: python-django-code-injection-taint
    code = compile(value, "<user>", "exec")


def case3(request):
    value = request.GET["q"]
    # ok: python-django-code-injection-taint
    result = ast.literal_eval(value)


def case4(request):
    value = request.POST.get("q", "")
    # ok: python-django-code-injection-taint
    result = eval("1 + 2")
