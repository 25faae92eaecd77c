import httpx
import requests
import urllib.request
from django.http import HttpResponse


def case0(request):
    value = request.GET.get("q")
    # ruleid: python-django-ssrf-taint
    return requests.get(value, timeout=5).text


def case1(request):
    value = request.POST["q"]
    url = "http://%s/internal/status" % value
    # ruleid: python-django-ssrf-taint
    return urllib.request.urlopen(url).read()


def case2(request):
    value = request.COOKIES.get("q")
    # ruleid: python-django-ssrf-taint
    resp = httpx.post(f"{value}/hooks", json={})


def case3(request):
    value = request.GET["q"]
    # ruleid: python-django-ssrf-taint
    requests.request("GET", value)


def case4(request):
    value = request.POST.get("q", "")
    # ok: python-django-ssrf-taint
    return requests.get("https://api.example.com/search", params={"q": value}, timeout=5).text


def case5(request):
    value = request.GET.get("q")
    # ok: python-django-ssrf-taint
    httpx.post("https://hooks.example.com/notify", json={"message": value})
