const crypto = require("crypto");

function digest(password, data) {
  // ruleid: js-crypto-weak-hash
  const a = crypto.createHash("md5").update(password).digest("hex");
  // ruleid: js-crypto-weak-hash
  const b = crypto.createHash('sha1').update(data).digest("base64");
  // ok: js-crypto-weak-hash
  const c = crypto.createHash("sha256").update(data).digest("hex");
  // ok: js-crypto-weak-hash
  const d = crypto.createHmac("sha256", "k").update(data).digest("hex");
  return [a, b, c, d];
}
