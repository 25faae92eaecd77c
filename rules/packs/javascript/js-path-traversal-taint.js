const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
const BASE = "/srv/files";

app.get("/read", (req, res) => {
  // ruleid: js-path-traversal-taint
  fs.readFile(path.join(BASE, req.query.file), "utf8", (err, data) => res.send(data));
});

app.get("/download/:name", (req, res) => {
  // ruleid: js-path-traversal-taint
  res.download(BASE + "/" + req.params.name);
});

app.get("/show", (req, res) => {
  const target = path.resolve(BASE, req.query.path);
  // ruleid: js-path-traversal-taint
  res.sendFile(target);
});

app.delete("/file", (req, res) => {
  // ruleid: js-path-traversal-taint
  fs.unlinkSync(`${BASE}/${req.body.name}`);
  res.end();
});

app.get("/safe", (req, res) => {
  // ok: js-path-traversal-taint
  fs.readFile(path.join(BASE, path.basename(req.query.file)), "utf8", (err, data) => res.send(data));
});

app.get("/safe-root", (req, res) => {
  // ok: js-path-traversal-taint
  res.sendFile(req.query.name, { root: BASE });
});

app.get("/index", (req, res) => {
  // ok: js-path-traversal-taint
  fs.readFile(path.join(BASE, "index.html"), "utf8", (err, data) => res.send(data));
});
