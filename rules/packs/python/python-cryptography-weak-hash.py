from Crypto.Hash import MD5, SHA256
from cryptography.hazmat.primitives import hashes


def digests(data):
    # ruleid: python-cryptography-weak-hash
    h1 = hashes.Hash(hashes.MD5())
    # ruleid: python-cryptography-weak-hash
    h2 = hashes.Hash(hashes.SHA1())
    # ruleid: python-cryptography-weak-hash
    h3 = MD5.new(data)
    # ok: python-cryptography-weak-hash
    h4 = hashes.Hash(hashes.SHA256())
    # ok: python-cryptography-weak-hash
    h5 = SHA256.new(data)
    return h1, h2, h3, h4, h5
