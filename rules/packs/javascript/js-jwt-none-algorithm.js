const jwt = require("jsonwebtoken");

// ruleid: js-jwt-none-algorithm
const unsigned = jwt.sign({ sub: "1" }, null, { algorithm: "none" });
// ruleid: js-jwt-none-algorithm
const claims = jwt.verify(token, key, { algorithms: ["HS256", "none"] });
// ok: js-jwt-none-algorithm
const signed = jwt.sign({ sub: "1" }, key, { algorithm: "HS256", expiresIn: "1h" });
// ok: js-jwt-none-algorithm
const checked = jwt.verify(token, key, { algorithms: ["HS256"] });
