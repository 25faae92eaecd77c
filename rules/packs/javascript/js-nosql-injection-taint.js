const express = require("express");
const sanitize = require("mongo-sanitize");

const app = express();

app.post("/login", async (req, res) => {
  // ruleid: js-nosql-injection-taint
  const user = await User.findOne({ username: req.body.username, password: req.body.password });
  res.json({ ok: !!user });
});

app.get("/items", async (req, res) => {
  // ruleid: js-nosql-injection-taint
  const items = await Item.find(req.query);
  res.json(items);
});

app.post("/remove", async (req, res) => {
  const filter = { owner: req.body.owner };
  // ruleid: js-nosql-injection-taint
  await db.collection("items").deleteMany(filter);
  res.end();
});

app.post("/login-safe", async (req, res) => {
  // ok: js-nosql-injection-taint
  const user = await User.findOne({ username: String(req.body.username), password: String(req.body.password) });
  res.json({ ok: !!user });
});

app.post("/login-safe2", async (req, res) => {
  const clean = sanitize(req.body);
  // ok: js-nosql-injection-taint
  const user = await User.findOne({ username: clean.username });
  // ok: js-nosql-injection-taint
  const other = await User.findOne({ username: { $eq: req.body.username } });
  res.json({ ok: !!user, other });
});

app.get("/array", (req, res) => {
  // ok: js-nosql-injection-taint
  const found = ITEMS.find((item) => item.id === req.query.id);
  res.json(found);
});
