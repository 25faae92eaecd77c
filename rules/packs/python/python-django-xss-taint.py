import html
import json
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.http import HttpResponse


def case0(request):
    value = request.GET.get("q")
    # ruleid: python-django-xss-taint
    return HttpResponse("<p>Results for " + value + "</p>")


def case1(request):
    value = request.POST["q"]
    # ruleid: python-django-xss-taint
    label = mark_safe(f"<b>{value}</b>")


def case2(request):
    value = request.COOKIES.get("q")
    # ok: python-django-xss-taint
    return HttpResponse("<p>Results for " + escape(value) + "</p>")


def case3(request):
    value = request.GET["q"]
    # ok: python-django-xss-taint
    return HttpResponse(format_html("<p>Results for {}</p>", value))


def case4(request):
    value = request.POST.get("q", "")
    # ok: python-django-xss-taint
    return HttpResponse(json.dumps({"q": value}), content_type="application/json")
