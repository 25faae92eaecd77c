const jwt = require("jsonwebtoken");

// ruleid: js-jwt-ignore-expiration
const a = jwt.verify(token, key, { algorithms: ["HS256"], ignoreExpiration: true });
// ok: js-jwt-ignore-expiration
const b = jwt.verify(token, key, { algorithms: ["HS256"] });
// ok: js-jwt-ignore-expiration
const c = jwt.verify(token, key, { algorithms: ["HS256"], ignoreExpiration: false });
