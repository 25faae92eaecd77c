import jwt


def claims(token, key):
    # ruleid: python-jwt-verify-disabled
    a = jwt.decode(token, options={"verify_signature": False})
    # ruleid: python-jwt-verify-disabled
    b = jwt.decode(token, key, verify=False)
    # ruleid: python-jwt-verify-disabled
    c = jwt.decode(token, key, algorithms=["HS256", "none"])
    # ok: python-jwt-verify-disabled
    d = jwt.decode(token, key, algorithms=["HS256"])
    # ok: python-jwt-verify-disabled
    e = jwt.decode(token, key, algorithms=["RS256"], options={"require": ["exp"]})
    return a, b, c, d, e
