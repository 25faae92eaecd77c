import hashlib


def fingerprint(password, blob):
    # ruleid: python-hashlib-md5
    digest = hashlib.md5(password.encode()).hexdigest()
    # ruleid: python-hashlib-md5
    h = hashlib.new("MD5")
    # ok: python-hashlib-md5
    etag = hashlib.md5(blob, usedforsecurity=False).hexdigest()
    # ok: python-hashlib-md5
    strong = hashlib.sha256(blob).hexdigest()
    # ok: python-hashlib-md5
    h2 = hashlib.new("sha256")
    return digest, h, etag, strong, h2
