from Crypto.Cipher import AES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def encrypt(key, nonce):
    # ruleid: python-cryptography-ecb-mode
    c1 = Cipher(algorithms.AES(key), modes.ECB())
    # ruleid: python-cryptography-ecb-mode
    c2 = AES.new(key, AES.MODE_ECB)
    # ok: python-cryptography-ecb-mode
    c3 = Cipher(algorithms.AES(key), modes.GCM(nonce))
    # ok: python-cryptography-ecb-mode
    c4 = AES.new(key, AES.MODE_GCM, nonce=nonce)
    return c1, c2, c3, c4
