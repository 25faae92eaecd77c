def login(response, token):
    # ruleid: python-set-cookie-insecure-flags
    response.set_cookie("session", token, secure=False)
    # ruleid: python-set-cookie-insecure-flags
    response.set_cookie("session", token, httponly=False, secure=True)
    # ok: python-set-cookie-insecure-flags
    response.set_cookie("session", token, secure=True, httponly=True, samesite="Lax")
    return response
