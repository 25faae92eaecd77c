const jwt = require("jsonwebtoken");

function auth(token, key, cb) {
  // ruleid: js-jwt-verify-without-algorithms
  const a = jwt.verify(token, key);
  // ruleid: js-jwt-verify-without-algorithms
  jwt.verify(token, key, (err, decoded) => cb(err, decoded));
  // ruleid: js-jwt-verify-without-algorithms
  const b = jwt.verify(token, key, { audience: "api" });
  // ok: js-jwt-verify-without-algorithms
  const c = jwt.verify(token, key, { algorithms: ["RS256"], audience: "api" });
  // ok: js-jwt-verify-without-algorithms
  jwt.verify(token, key, { algorithms: ["HS256"] }, (err, decoded) => cb(err, decoded));
  return [a, b, c];
}
