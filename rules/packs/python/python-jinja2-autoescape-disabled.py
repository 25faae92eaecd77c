import jinja2
from jinja2 import Environment, FileSystemLoader, select_autoescape


def envs(options):
    # ruleid: python-jinja2-autoescape-disabled
    e1 = Environment(loader=FileSystemLoader("templates"))
    # ruleid: python-jinja2-autoescape-disabled
    e2 = jinja2.Environment(loader=FileSystemLoader("templates"), autoescape=False)
    # ok: python-jinja2-autoescape-disabled
    e3 = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())
    # ok: python-jinja2-autoescape-disabled
    e4 = jinja2.Environment(autoescape=True)
    # ok: python-jinja2-autoescape-disabled
    e5 = Environment(**options)
    return e1, e2, e3, e4, e5
