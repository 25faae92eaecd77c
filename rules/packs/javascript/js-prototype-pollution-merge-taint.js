const express = require("express");
const _ = require("lodash");

const app = express();
const settings = {};

app.post("/settings", (req, res) => {
  // ruleid: js-prototype-pollution-merge-taint
  _.merge(settings, req.body);
  res.json(settings);
});

app.post("/prefs", (req, res) => {
  const prefs = {};
  // ruleid: js-prototype-pollution-merge-taint
  _.set(prefs, req.body.path, req.body.value);
  res.json(prefs);
});

app.post("/defaults", (req, res) => {
  // ruleid: js-prototype-pollution-merge-taint
  const cfg = _.defaultsDeep({}, req.body.config, DEFAULTS);
  res.json(cfg);
});

app.post("/settings-safe", (req, res) => {
  const { theme, language } = req.body;
  // ok: js-prototype-pollution-merge-taint
  _.merge(settings, { theme: String(theme), language: String(language) });
  // ok: js-prototype-pollution-merge-taint
  _.merge(settings, DEFAULTS);
  res.json({ settings, theme, language });
});
