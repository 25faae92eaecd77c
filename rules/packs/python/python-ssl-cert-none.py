import ssl

import urllib3


def contexts():
    ctx = ssl.create_default_context()
    # ruleid: python-ssl-cert-none
    ctx.check_hostname = False
    # ruleid: python-ssl-cert-none
    ctx.verify_mode = ssl.CERT_NONE
    # ruleid: python-ssl-cert-none
    pool = urllib3.PoolManager(cert_reqs="CERT_NONE")
    # ok: python-ssl-cert-none
    ctx.verify_mode = ssl.CERT_REQUIRED
    # ok: python-ssl-cert-none
    pool2 = urllib3.PoolManager(cert_reqs="CERT_REQUIRED", ca_certs="/etc/ssl/ca.pem")
    return ctx, pool, pool2
