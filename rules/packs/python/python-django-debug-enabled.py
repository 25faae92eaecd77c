import os

# ruleid: python-django-debug-enabled
DEBUG = True
# ok: python-django-debug-enabled
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
# ok: python-django-debug-enabled
DEBUG = False


def test_settings(settings):
    # ok: python-django-debug-enabled
    DEBUG = True
    return DEBUG
