from django.template.loader import render_to_string
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


def widgets(user):
    # ruleid: python-django-mark-safe-non-literal
    a = mark_safe("<b>%s</b>" % user.name)
    # ruleid: python-django-mark-safe-non-literal
    b = mark_safe(user.bio)
    # ok: python-django-mark-safe-non-literal
    c = mark_safe("<hr>")
    # ok: python-django-mark-safe-non-literal
    d = format_html("<b>{}</b>", user.name)
    # ok: python-django-mark-safe-non-literal
    e = mark_safe(render_to_string("card.html", {"user": user}))
    return a, b, c, d, e
