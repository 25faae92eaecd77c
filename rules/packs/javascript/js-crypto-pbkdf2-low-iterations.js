const crypto = require("crypto");

function hash(password, salt) {
  // ruleid: js-crypto-pbkdf2-low-iterations
  const a = crypto.pbkdf2Sync(password, salt, 1000, 64, "sha512");
  // ruleid: js-crypto-pbkdf2-low-iterations
  crypto.pbkdf2(password, salt, 10000, 32, "sha256", (err, key) => {});
  // ok: js-crypto-pbkdf2-low-iterations
  const b = crypto.pbkdf2Sync(password, salt, 600000, 32, "sha256");
  // ok: js-crypto-pbkdf2-low-iterations
  const c = crypto.scryptSync(password, salt, 64);
  return [a, b, c];
}
