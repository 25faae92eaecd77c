import tempfile


def scratch():
    # ruleid: python-tempfile-mktemp
    path = tempfile.mktemp(suffix=".txt")
    # ok: python-tempfile-mktemp
    fd, path2 = tempfile.mkstemp(suffix=".txt")
    # ok: python-tempfile-mktemp
    with tempfile.NamedTemporaryFile("w", delete=False) as fh:
        fh.write("data")
    return path, fd, path2
