const express = require("express");

const app = express();
const ALLOWED = new Set(["/home", "/profile"]);

app.get("/login", (req, res) => {
  // ruleid: js-open-redirect-taint
  res.redirect(req.query.next);
});

app.get("/out", (req, res) => {
  const target = req.query.url;
  // ruleid: js-open-redirect-taint
  res.redirect(301, target);
});

app.get("/loc", (req, res) => {
  // ruleid: js-open-redirect-taint
  res.location(req.query.to).sendStatus(302);
});

app.get("/safe", (req, res) => {
  const next = req.query.next;
  if (ALLOWED.has(next)) {
    // ok: js-open-redirect-taint
    return res.redirect(next);
  }
  // ok: js-open-redirect-taint
  res.redirect("/home?from=" + encodeURIComponent(req.query.from));
});

// Koa
router.get("/koa", async (ctx) => {
  // ruleid: js-open-redirect-taint
  ctx.redirect(ctx.query.returnTo);
});
