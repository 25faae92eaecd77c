const crypto = require("crypto");

function encrypt(key, text) {
  // ruleid: js-crypto-static-iv
  const a = crypto.createCipheriv("aes-256-cbc", key, Buffer.alloc(16, 0));
  // ruleid: js-crypto-static-iv
  const b = crypto.createCipheriv("aes-256-gcm", key, "0123456789ab");
  // ruleid: js-crypto-static-iv
  const c = crypto.createCipheriv("aes-128-ctr", key, Buffer.from("00000000000000000000000000000000", "hex"));
  const iv = crypto.randomBytes(12);
  // ok: js-crypto-static-iv
  const d = crypto.createCipheriv("aes-256-gcm", key, iv);
  // ok: js-crypto-static-iv
  const e = crypto.createCipheriv("aes-256-cbc", key, crypto.randomBytes(16));
  // ok: js-crypto-static-iv
  const f = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(stored.ivHex, "hex"));
  return [a, b, c, d, e, f, text];
}
