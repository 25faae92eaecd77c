import ssl

from OpenSSL import SSL


def contexts():
    # ruleid: python-ssl-weak-protocol
    old = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
    ctx = ssl.create_default_context()
    # ruleid: python-ssl-weak-protocol
    ctx.minimum_version = ssl.TLSVersion.TLSv1_1
    # ruleid: python-ssl-weak-protocol
    legacy = SSL.Context(SSL.SSLv3_METHOD)
    # ok: python-ssl-weak-protocol
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    # ok: python-ssl-weak-protocol
    modern = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # ok: python-ssl-weak-protocol
    negotiated = SSL.Context(SSL.SSLv23_METHOD)
    return old, ctx, legacy, modern, negotiated
