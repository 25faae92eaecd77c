import random
import secrets
import string


def make_credentials(user):
    # ruleid: python-insecure-random-secret
    reset_token = "".join(random.choice(string.ascii_letters) for _ in range(32))
    # ruleid: python-insecure-random-secret
    user.otp = random.randint(100000, 999999)
    # ok: python-insecure-random-secret
    api_key = secrets.token_urlsafe(32)
    # ok: python-insecure-random-secret
    colour = random.choice(["red", "green", "blue"])
    # ok: python-insecure-random-secret
    password = "".join(secrets.choice(string.ascii_letters) for _ in range(16))
    return reset_token, api_key, colour, password


def generate_session_id():
    # ruleid: python-insecure-random-secret
    return "%032x" % random.getrandbits(128)


def pick_backoff():
    # ok: python-insecure-random-secret
    return random.uniform(0.5, 1.5)
