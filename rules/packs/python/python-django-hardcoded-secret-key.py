import os

# ruleid: python-django-hardcoded-secret-key
SECRET_KEY = "django-insecure-5v#x@k2!q9m^w7r"
# ok: python-django-hardcoded-secret-key
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
# ok: python-django-hardcoded-secret-key
SECRET_KEY = ""
