import jinja2
from flask import render_template_string


def page(comment, env):
    # ruleid: python-jinja2-safe-filter-in-source
    a = render_template_string("<p>{{ comment|safe }}</p>", comment=comment)
    # ruleid: python-jinja2-safe-filter-in-source
    b = jinja2.Template("{% autoescape false %}{{ c }}{% endautoescape %}").render(c=comment)
    # ruleid: python-jinja2-safe-filter-in-source
    c = env.from_string("<div>{{ body | safe }}</div>")
    # ok: python-jinja2-safe-filter-in-source
    d = render_template_string("<p>{{ comment }}</p>", comment=comment)
    # ok: python-jinja2-safe-filter-in-source
    e = env.from_string("<div>{{ body|e }}</div>")
    return a, b, c, d, e
