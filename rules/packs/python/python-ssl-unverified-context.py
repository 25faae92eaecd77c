import ssl
import urllib.request


def open_url(url):
    # ruleid: python-ssl-unverified-context
    ctx = ssl._create_unverified_context()
    # ruleid: python-ssl-unverified-context
    ssl._create_default_https_context = ssl._create_unverified_context
    # ok: python-ssl-unverified-context
    good = ssl.create_default_context(cafile="/etc/ssl/internal-ca.pem")
    return urllib.request.urlopen(url, context=good), ctx
