const express = require("express");
const vm = require("vm");

const app = express();

app.get("/calc", (req, res) => {
  // ruleid: js-code-injection-taint
  const result = eval(req.query.expr);
  res.json({ result });
});

app.post("/rule", (req, res) => {
  const body = "return " + req.body.rule;
  // ruleid: js-code-injection-taint
  const fn = new Function("user", body);
  res.json({ ok: fn(req.user) });
});

app.post("/sandbox", (req, res) => {
  // ruleid: js-code-injection-taint
  res.json(vm.runInNewContext(req.body.code, {}));
});

app.get("/later", (req, res) => {
  // ruleid: js-code-injection-taint
  setTimeout("notify('" + req.query.msg + "')", 100);
  // ok: js-code-injection-taint
  setTimeout(() => notify(req.query.msg), 100);
  res.end();
});

app.post("/json", (req, res) => {
  // ok: js-code-injection-taint
  const data = JSON.parse(req.body.payload);
  // ok: js-code-injection-taint
  const constant = eval("1 + 1");
  res.json({ data, constant });
});
