import tarfile


def unpack(path, dest):
    with tarfile.open(path) as tar:
        # ruleid: python-tarfile-extractall-traversal
        tar.extractall(dest)
    archive = tarfile.open(path, "r:gz")
    # ruleid: python-tarfile-extractall-traversal
    archive.extract("config.yml", dest)
    # ok: python-tarfile-extractall-traversal
    archive.extractall(dest, filter="data")
    # ok: python-tarfile-extractall-traversal
    names = archive.getnames()
    return names
