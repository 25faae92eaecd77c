const express = require("express");

const app = express();
const store = {};

app.post("/store", (req, res) => {
  const { section, key, value } = req.body;
  // ruleid: js-prototype-pollution-assignment-taint
  store[section][key] = value;
  res.json(store);
});

app.get("/set", (req, res) => {
  const cache = {};
  // ruleid: js-prototype-pollution-assignment-taint
  cache[req.query.ns][req.query.k] = req.query.v;
  res.end();
});

app.post("/store-safe", (req, res) => {
  const { key, value } = req.body;
  // ok: js-prototype-pollution-assignment-taint
  store["settings"][key] = value;
  // ok: js-prototype-pollution-assignment-taint
  store.settings[key] = value;
  res.json(store);
});
