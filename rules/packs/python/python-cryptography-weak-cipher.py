from Crypto.Cipher import AES, ARC4, DES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def encrypt(key, iv, data):
    # ruleid: python-cryptography-weak-cipher
    c1 = Cipher(algorithms.TripleDES(key), modes.CBC(iv))
    # ruleid: python-cryptography-weak-cipher
    c2 = Cipher(algorithms.ARC4(key), mode=None)
    # ruleid: python-cryptography-weak-cipher
    c3 = DES.new(key, DES.MODE_CBC, iv)
    # ruleid: python-cryptography-weak-cipher
    c4 = ARC4.new(key)
    # ok: python-cryptography-weak-cipher
    c5 = Cipher(algorithms.AES(key), modes.GCM(iv))
    # ok: python-cryptography-weak-cipher
    c6 = AES.new(key, AES.MODE_GCM, nonce=iv)
    return c1, c2, c3, c4, c5, c6
