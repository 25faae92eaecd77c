const crypto = require("crypto");

function encrypt(key, iv) {
  // ruleid: js-crypto-weak-cipher
  const a = crypto.createCipheriv("des-ede3-cbc", key, iv);
  // ruleid: js-crypto-weak-cipher
  const b = crypto.createCipheriv("rc4", key, null);
  // ruleid: js-crypto-weak-cipher
  const c = crypto.createDecipheriv("bf-cbc", key, iv);
  // ok: js-crypto-weak-cipher
  const d = crypto.createCipheriv("aes-256-gcm", key, iv);
  // ok: js-crypto-weak-cipher
  const e = crypto.createCipheriv("chacha20-poly1305", key, iv, { authTagLength: 16 });
  return [a, b, c, d, e];
}
