import xml.etree.ElementTree as ET
from xml.dom import minidom

import defusedxml.ElementTree as SafeET
from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/import", methods=["POST"])
def import_xml():
    # ruleid: python-xml-parse-untrusted-taint
    root = ET.fromstring(request.data)
    return root.tag


@app.route("/lxml", methods=["POST"])
def import_lxml():
    body = request.get_data()
    # ruleid: python-xml-parse-untrusted-taint
    doc = etree.fromstring(body)
    return doc.tag


def django_view(request):
    # ruleid: python-xml-parse-untrusted-taint
    dom = minidom.parseString(request.body)
    return dom


@app.route("/safe", methods=["POST"])
def import_safe():
    # ok: python-xml-parse-untrusted-taint
    root = SafeET.fromstring(request.data)
    return root.tag


def load_config():
    # ok: python-xml-parse-untrusted-taint
    return ET.parse("/etc/app/config.xml")
