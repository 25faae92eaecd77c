const crypto = require("crypto");

function encrypt(key, iv) {
  // ruleid: js-crypto-ecb-mode
  const a = crypto.createCipheriv("aes-128-ecb", key, null);
  // ruleid: js-crypto-ecb-mode
  const b = crypto.createDecipheriv("aes-256-ecb", key, null);
  // ok: js-crypto-ecb-mode
  const c = crypto.createCipheriv("aes-256-gcm", key, iv);
  return [a, b, c];
}
