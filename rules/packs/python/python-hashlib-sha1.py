import hashlib


def fingerprint(password, blob):
    # ruleid: python-hashlib-sha1
    digest = hashlib.sha1(password.encode()).hexdigest()
    # ruleid: python-hashlib-sha1
    h = hashlib.new("SHA1")
    # ok: python-hashlib-sha1
    etag = hashlib.sha1(blob, usedforsecurity=False).hexdigest()
    # ok: python-hashlib-sha1
    strong = hashlib.sha256(blob).hexdigest()
    # ok: python-hashlib-sha1
    h2 = hashlib.new("sha256")
    return digest, h, etag, strong, h2
