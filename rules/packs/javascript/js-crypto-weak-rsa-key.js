const crypto = require("crypto");

// ruleid: js-crypto-weak-rsa-key
const weak = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 });
// ruleid: js-crypto-weak-rsa-key
crypto.generateKeyPair("rsa", { modulusLength: 512, publicExponent: 0x10001 }, (err, pub, priv) => {});
// ok: js-crypto-weak-rsa-key
const strong = crypto.generateKeyPairSync("rsa", { modulusLength: 3072 });
// ok: js-crypto-weak-rsa-key
const ed = crypto.generateKeyPairSync("ed25519");
