const libxmljs = require("libxmljs");

function parse(xml) {
  // ruleid: js-libxmljs-noent
  const a = libxmljs.parseXml(xml, { noent: true, noblanks: true });
  // ruleid: js-libxmljs-noent
  const b = libxmljs.parseXmlString(xml, { noent: true });
  // ok: js-libxmljs-noent
  const c = libxmljs.parseXml(xml, { noblanks: true });
  return [a, b, c];
}
