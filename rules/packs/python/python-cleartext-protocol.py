import ftplib
import telnetlib


def upload(host, user, password):
    # ruleid: python-cleartext-protocol
    ftp = ftplib.FTP(host, user, password)
    # ruleid: python-cleartext-protocol
    tn = telnetlib.Telnet(host)
    # ok: python-cleartext-protocol
    secure = ftplib.FTP_TLS(host, user, password)
    secure.prot_p()
    return ftp, tn, secure
