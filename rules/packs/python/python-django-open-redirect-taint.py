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


class LoginView:
    def get_redirect_url(self):
        redirect_to = self.request.POST.get("next", self.request.GET.get("next"))
        url_is_safe = url_has_allowed_host_and_scheme(url=redirect_to, allowed_hosts=set())
        return redirect_to if url_is_safe else ""


def case4(request):
    target = request.GET.get("next")
    safe = target if url_has_allowed_host_and_scheme(target, allowed_hosts=set()) else "/"
    # ok: python-django-open-redirect-taint
    return redirect(safe)


def case5(request):
    target = request.GET.get("next")
    url_is_safe = url_has_allowed_host_and_scheme(url=target, allowed_hosts=set())
    checked = target if url_is_safe else "/"
    # ok: python-django-open-redirect-taint
    return HttpResponseRedirect(checked)
