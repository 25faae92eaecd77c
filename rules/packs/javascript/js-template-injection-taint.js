const express = require("express");
const ejs = require("ejs");
const pug = require("pug");

const app = express();

app.get("/greet", (req, res) => {
  // ruleid: js-template-injection-taint
  res.send(ejs.render("<h1>Hello " + req.query.name + "</h1>"));
});

app.post("/preview", (req, res) => {
  // ruleid: js-template-injection-taint
  const fn = pug.compile(req.body.template);
  res.send(fn({}));
});

app.get("/greet-safe", (req, res) => {
  // ok: js-template-injection-taint
  res.send(ejs.render("<h1>Hello <%= name %></h1>", { name: req.query.name }));
  // ok: js-template-injection-taint
  const fn = pug.compile("p Hello #{name}");
  fn({ name: req.query.name });
});
