import os
import subprocess


def disk_usage(path):
    # ruleid: python-os-popen-non-literal
    out = os.popen("du -sh " + path).read()
    # ruleid: python-os-popen-non-literal
    out = os.popen(f"stat {path}", "r").read()
    # ok: python-os-popen-non-literal
    load = os.popen("uptime").read()
    # ok: python-os-popen-non-literal
    out = subprocess.run(["du", "-sh", path], capture_output=True, text=True).stdout
    return out, load
