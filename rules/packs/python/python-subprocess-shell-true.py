import asyncio
import shlex
import subprocess


def archive(path, host):
    # ruleid: python-subprocess-shell-true
    subprocess.run("tar czf /tmp/out.tgz " + path, shell=True, check=True)
    # ruleid: python-subprocess-shell-true
    subprocess.Popen(f"ping -c 1 {host}", shell=True)
    # ruleid: python-subprocess-shell-true
    out = subprocess.getoutput("du -sh %s" % path)
    # ruleid: python-subprocess-shell-true
    subprocess.check_call(args="ls " + path, shell=True)
    # ok: python-subprocess-shell-true
    subprocess.run(["tar", "czf", "/tmp/out.tgz", path], check=True)
    # ok: python-subprocess-shell-true
    subprocess.run("uptime", shell=True)
    # ok: python-subprocess-shell-true
    subprocess.Popen(["ping", "-c", "1", host], shell=False)
    return out


async def run_async(cmd):
    # ruleid: python-subprocess-shell-true
    proc = await asyncio.create_subprocess_shell(cmd)
    # ok: python-subprocess-shell-true
    proc2 = await asyncio.create_subprocess_exec("ls", "-l", cmd)
    return proc, proc2
