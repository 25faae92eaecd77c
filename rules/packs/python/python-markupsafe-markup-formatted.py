from markupsafe import Markup, escape


def badge(name):
    # ruleid: python-markupsafe-markup-formatted
    a = Markup("<b>%s</b>" % name)
    # ruleid: python-markupsafe-markup-formatted
    b = Markup(f"<span>{name}</span>")
    # ruleid: python-markupsafe-markup-formatted
    c = Markup("<i>" + name + "</i>")
    # ok: python-markupsafe-markup-formatted
    d = Markup("<b>%s</b>") % name
    # ok: python-markupsafe-markup-formatted
    e = Markup("<b>{}</b>").format(name)
    # ok: python-markupsafe-markup-formatted
    f = Markup("<br>")
    # ok: python-markupsafe-markup-formatted
    g = escape(name)
    return a, b, c, d, e, f, g
