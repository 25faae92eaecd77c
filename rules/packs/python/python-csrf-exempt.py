from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from flask import Flask
from flask_wtf.csrf import CSRFProtect

app = Flask(__name__)
csrf = CSRFProtect(app)


@csrf_exempt
# ruleid: python-csrf-exempt
def transfer(request):
    return None


@csrf_protect
# ok: python-csrf-exempt
def transfer_ok(request):
    return None


@method_decorator(csrf_exempt, name="dispatch")
# ruleid: python-csrf-exempt
class Webhook(View):
    pass


@csrf.exempt
@app.route("/api/hook", methods=["POST"])
# ruleid: python-csrf-exempt
def hook():
    return "ok"


# ruleid: python-csrf-exempt
app.config["WTF_CSRF_ENABLED"] = False
# ok: python-csrf-exempt
app.config["WTF_CSRF_TIME_LIMIT"] = 3600
