const jwt = require("jsonwebtoken");
const { expressjwt } = require("express-jwt");

// ruleid: js-jwt-hardcoded-secret
const t = jwt.sign({ sub: user.id }, "s3cr3t-signing-key", { expiresIn: "1h" });
// ruleid: js-jwt-hardcoded-secret
const c = jwt.verify(t, "s3cr3t-signing-key", { algorithms: ["HS256"] });
// ruleid: js-jwt-hardcoded-secret
app.use(expressjwt({ secret: "shhh-not-env", algorithms: ["HS256"] }));
// ok: js-jwt-hardcoded-secret
const t2 = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: "1h" });
// ok: js-jwt-hardcoded-secret
app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ["HS256"] }));
