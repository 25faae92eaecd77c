const express = require("express");
const session = require("express-session");

const app = express();
// ruleid: js-cookie-insecure-flags
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: false, maxAge: 3600000 } }));
// ok: js-cookie-insecure-flags
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true, httpOnly: true } }));

app.post("/login", (req, res) => {
  // ruleid: js-cookie-insecure-flags
  res.cookie("token", issueToken(), { httpOnly: false, secure: true });
  // ok: js-cookie-insecure-flags
  res.cookie("token", issueToken(), { httpOnly: true, secure: true, sameSite: "lax" });
  // ok: js-cookie-insecure-flags
  res.cookie("theme", "dark");
  res.end();
});

router.post("/koa-login", async (ctx) => {
  // ruleid: js-cookie-insecure-flags
  ctx.cookies.set("sid", issueToken(), { secure: false });
});
