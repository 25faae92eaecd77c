import urllib.parse
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.http import HttpResponse


def case0(request):
    value = request.GET.get("q")
    # ruleid: python-django-open-redirect-taint
    return redirect(value)


def case1(request):
    value = request.POST["q"]
    # ruleid: python-django-open-redirect-taint
    return HttpResponseRedirect("//" + value)


def case2(request):
    value = request.COOKIES.get("q")
    if url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}):
        # ok: python-django-open-redirect-taint
        return HttpResponseRedirect(value)
    return redirect("/")


def case3(request):
    value = request.GET["q"]
    # ok: python-django-open-redirect-taint
    return redirect(reverse("profile", args=[value]))
