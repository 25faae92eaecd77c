const express = require("express");
const axios = require("axios");
const got = require("got");
const https = require("https");

const app = express();

app.get("/proxy", async (req, res) => {
  // ruleid: js-ssrf-taint
  const r = await axios.get(req.query.url);
  res.json(r.data);
});

app.get("/avatar", async (req, res) => {
  // ruleid: js-ssrf-taint
  const r = await fetch(`http://${req.query.host}/avatar.png`);
  res.send(await r.text());
});

app.post("/hook", async (req, res) => {
  const target = req.body.callback;
  // ruleid: js-ssrf-taint
  await got.post(target, { json: { ok: true } });
  // ruleid: js-ssrf-taint
  https.get(target, (r) => r.resume());
  res.end();
});

app.get("/search", async (req, res) => {
  // ok: js-ssrf-taint
  const r = await axios.get("https://api.example.com/search", { params: { q: req.query.q } });
  // ok: js-ssrf-taint
  const r2 = await fetch("https://api.example.com/items?q=" + encodeURIComponent(req.query.q));
  res.json({ a: r.data, b: r2.status });
});
