const express = require("express");
const escapeStringRegexp = require("escape-string-regexp");

const app = express();

app.get("/filter", (req, res) => {
  // ruleid: js-regex-injection-taint
  const re = new RegExp(req.query.pattern);
  res.json(ITEMS.filter((i) => re.test(i.name)));
});

app.get("/search", (req, res) => {
  // ruleid: js-regex-injection-taint
  const re = RegExp("^" + req.query.prefix + ".*$", "i");
  res.json(ITEMS.filter((i) => re.test(i.name)));
});

app.get("/search-safe", (req, res) => {
  // ok: js-regex-injection-taint
  const re = new RegExp("^" + escapeStringRegexp(req.query.prefix), "i");
  const term = req.query.term;
  // ok: js-regex-injection-taint
  const re2 = new RegExp(term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  res.json(ITEMS.filter((i) => re.test(i.name) || re2.test(i.name)));
});
