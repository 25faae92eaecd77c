from Crypto.PublicKey import RSA
from cryptography.hazmat.primitives.asymmetric import dsa, rsa


def keys():
    # ruleid: python-cryptography-weak-rsa-key
    k1 = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    # ruleid: python-cryptography-weak-rsa-key
    k2 = rsa.generate_private_key(65537, 512)
    # ruleid: python-cryptography-weak-rsa-key
    k3 = RSA.generate(1024)
    # ruleid: python-cryptography-weak-rsa-key
    k4 = dsa.generate_private_key(key_size=1024)
    # ok: python-cryptography-weak-rsa-key
    k5 = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    # ok: python-cryptography-weak-rsa-key
    k6 = RSA.generate(2048)
    return k1, k2, k3, k4, k5, k6
