const express = require("express");
const escapeHtml = require("escape-html");

const app = express();

app.get("/hello", (req, res) => {
  // ruleid: js-express-xss-taint
  res.send("<h1>Hello " + req.query.name + "</h1>");
});

app.get("/search", (req, res) => {
  const term = req.query.q;
  // ruleid: js-express-xss-taint
  res.status(200).send(`<p>No results for ${term}</p>`);
});

app.get("/stream", (req, res) => {
  // ruleid: js-express-xss-taint
  res.write("<div>" + req.params.id + "</div>");
  res.end();
});

app.get("/hello-safe", (req, res) => {
  // ok: js-express-xss-taint
  res.send("<h1>Hello " + escapeHtml(req.query.name) + "</h1>");
});

app.get("/json", (req, res) => {
  // ok: js-express-xss-taint
  res.json({ name: req.query.name });
  // ok: js-express-xss-taint
  res.send({ name: req.query.name });
});

app.get("/render", (req, res) => {
  // ok: js-express-xss-taint
  res.render("hello", { name: req.query.name });
});

// Koa
router.get("/koa", async (ctx) => {
  // ruleid: js-express-xss-taint
  ctx.body = "<p>" + ctx.query.name + "</p>";
});
