import os
from werkzeug.utils import secure_filename

UPLOAD_DIR = "/srv/uploads"
from django.http import HttpResponse


def case0(request):
    value = request.GET.get("q")
    # ruleid: python-django-path-traversal-taint
    with open("/srv/uploads/" + value) as fh:
        return fh.read()


def case1(request):
    value = request.POST["q"]
    target = os.path.join(UPLOAD_DIR, value)
    # ruleid: python-django-path-traversal-taint
    os.remove(target)


def case2(request):
    value = request.COOKIES.get("q")
    # ok: python-django-path-traversal-taint
    with open(os.path.join(UPLOAD_DIR, os.path.basename(value))) as fh:
        return fh.read()


def case3(request):
    value = request.GET["q"]
    name = secure_filename(value)
    # ok: python-django-path-traversal-taint
    os.remove(os.path.join(UPLOAD_DIR, name))


def case4(request):
    value = request.POST.get("q", "")
    # ok: python-django-path-traversal-taint
    with open(os.path.join(UPLOAD_DIR, "index.txt")) as fh:
        return fh.read() + value


from django.http import FileResponse


def download(request):
    path = UPLOAD_DIR + "/" + request.GET["file"]
    # ruleid: python-django-path-traversal-taint
    return FileResponse(open(path, "rb"))
