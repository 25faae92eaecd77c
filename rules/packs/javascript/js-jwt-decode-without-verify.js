const jwt = require("jsonwebtoken");

function currentUser(req) {
  const token = req.headers.authorization.split(" ")[1];
  // ruleid: js-jwt-decode-without-verify
  const claims = jwt.decode(token);
  return claims.sub;
}

const isAdmin = (token) => {
  // ruleid: js-jwt-decode-without-verify
  return jwt.decode(token).role === "admin";
};

function currentUserChecked(req, key) {
  const token = req.headers.authorization.split(" ")[1];
  const verified = jwt.verify(token, key, { algorithms: ["HS256"] });
  // ok: js-jwt-decode-without-verify
  const header = jwt.decode(token, { complete: true }).header;
  return [verified.sub, header.kid];
}
