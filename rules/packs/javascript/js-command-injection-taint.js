const express = require("express");
const child_process = require("child_process");
const { exec, execFile, spawn } = require("child_process");

const app = express();

app.get("/ping", (req, res) => {
  const host = req.query.host;
  // ruleid: js-command-injection-taint
  exec("ping -c 1 " + host, (err, out) => res.send(out));
});

app.post("/convert", function (req, res) {
  const { file } = req.body;
  // ruleid: js-command-injection-taint
  child_process.execSync(`convert ${file} out.png`);
  res.end();
});

app.get("/ls", (req, res) => {
  // ruleid: js-command-injection-taint
  spawn(req.query.cmd, [], { shell: true });
});

app.get("/safe", (req, res) => {
  // ok: js-command-injection-taint
  execFile("ping", ["-c", "1", req.query.host], (err, out) => res.send(out));
});

app.get("/safe2", (req, res) => {
  // ok: js-command-injection-taint
  spawn("git", ["log", "--author", req.query.author]);
  // ok: js-command-injection-taint
  exec("uptime", (err, out) => res.send(out));
});

// Koa
router.get("/koa", async (ctx) => {
  // ruleid: js-command-injection-taint
  child_process.exec("nslookup " + ctx.query.name);
});
