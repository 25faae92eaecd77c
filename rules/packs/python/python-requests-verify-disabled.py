import aiohttp
import httpx
import requests


def fetch(url):
    # ruleid: python-requests-verify-disabled
    r1 = requests.get(url, verify=False, timeout=5)
    # ruleid: python-requests-verify-disabled
    client = httpx.Client(base_url=url, verify=False)
    session = requests.Session()
    # ruleid: python-requests-verify-disabled
    session.verify = False
    # ruleid: python-requests-verify-disabled
    conn = aiohttp.TCPConnector(ssl=False)
    # ok: python-requests-verify-disabled
    r2 = requests.get(url, timeout=5)
    # ok: python-requests-verify-disabled
    r3 = requests.post(url, verify="/etc/ssl/internal-ca.pem", timeout=5)
    # ok: python-requests-verify-disabled
    client2 = httpx.Client(verify=True)
    return r1, r2, r3, client, client2, conn
