const https = require("https");
const axios = require("axios");

// ruleid: js-tls-reject-unauthorized-false
const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });
// ruleid: js-tls-reject-unauthorized-false
request({ url, strictSSL: false });
const opts = {};
// ruleid: js-tls-reject-unauthorized-false
opts.rejectUnauthorized = false;
// ok: js-tls-reject-unauthorized-false
const good = new https.Agent({ keepAlive: true, ca: CA_PEM });
// ok: js-tls-reject-unauthorized-false
const alsoGood = new https.Agent({ rejectUnauthorized: true });
