const crypto = require("crypto");

function encrypt(text, password, key, iv) {
  // ruleid: js-crypto-createcipher-deprecated
  const c1 = crypto.createCipher("aes-256-cbc", password);
  // ruleid: js-crypto-createcipher-deprecated
  const d1 = crypto.createDecipher("aes-256-cbc", password);
  // ok: js-crypto-createcipher-deprecated
  const c2 = crypto.createCipheriv("aes-256-gcm", key, iv);
  return [c1, d1, c2];
}
