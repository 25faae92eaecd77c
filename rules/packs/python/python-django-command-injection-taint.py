import os
import shlex
import subprocess
from django.http import HttpResponse


def case0(request):
    value = request.GET.get("q")
    # ruleid: python-django-command-injection-taint
    os.system("ping -c 1 " + value)


def case1(request):
    value = request.POST["q"]
    cmd = f"tar czf /tmp/out.tgz {value}"
    # ruleid: python-django-command-injection-taint
    subprocess.run(cmd, shell=True, check=True)


def case2(request):
    value = request.COOKIES.get("q")
    # ruleid: python-django-command-injection-taint
    return os.popen("nslookup %s" % value).read()


def case3(request):
    value = request.GET["q"]
    # ruleid: python-django-command-injection-taint
    subprocess.check_output(["sh", "-c", "grep " + value + " /var/log/app.log"])


def case4(request):
    value = request.POST.get("q", "")
    # ok: python-django-command-injection-taint
    subprocess.run(["ping", "-c", "1", value], check=True)


def case5(request):
    value = request.GET.get("q")
    # ok: python-django-command-injection-taint
    os.system("ping -c 1 " + shlex.quote(value))


def case6(request):
    value = request.POST["q"]
    # ok: python-django-command-injection-taint
    subprocess.run("uptime", shell=True)
