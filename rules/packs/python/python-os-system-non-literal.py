import os
import subprocess


def cleanup(directory):
    # ruleid: python-os-system-non-literal
    os.system("rm -rf " + directory)
    cmd = "chown -R app:app %s" % directory
    # ruleid: python-os-system-non-literal
    os.system(cmd)
    # ok: python-os-system-non-literal
    os.system("sync")
    # ok: python-os-system-non-literal
    subprocess.run(["rm", "-rf", "--", directory], check=True)
