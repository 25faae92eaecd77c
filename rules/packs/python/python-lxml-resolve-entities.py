from lxml import etree


def parse(data):
    # ruleid: python-lxml-resolve-entities
    parser = etree.XMLParser(resolve_entities=True)
    # ruleid: python-lxml-resolve-entities
    net = etree.XMLParser(remove_blank_text=True, no_network=False)
    # ok: python-lxml-resolve-entities
    safe = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(data, parser), net, safe
