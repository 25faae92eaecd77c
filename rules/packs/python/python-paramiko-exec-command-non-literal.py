import shlex

import paramiko


def remote(client: paramiko.SSHClient, path):
    # ruleid: python-paramiko-exec-command-non-literal
    client.exec_command("ls -l " + path)
    # ruleid: python-paramiko-exec-command-non-literal
    client.exec_command(f"cat {path}", timeout=10)
    # ok: python-paramiko-exec-command-non-literal
    client.exec_command("uptime")
    # ok: python-paramiko-exec-command-non-literal
    client.exec_command("ls -l " + shlex.quote(path))
