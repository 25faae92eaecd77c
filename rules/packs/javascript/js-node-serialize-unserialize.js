const serialize = require("node-serialize");

function restore(cookie) {
  // ruleid: js-node-serialize-unserialize
  const obj = serialize.unserialize(Buffer.from(cookie, "base64").toString());
  // ok: js-node-serialize-unserialize
  const data = JSON.parse(Buffer.from(cookie, "base64").toString());
  // ok: js-node-serialize-unserialize
  const text = serialize.serialize(data);
  return [obj, text];
}
