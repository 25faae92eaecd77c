const express = require("express");
const mysql = require("mysql");
const { Pool } = require("pg");

const app = express();
const db = mysql.createConnection({});
const pool = new Pool();

app.get("/user", (req, res) => {
  // ruleid: js-sql-injection-taint
  db.query("SELECT * FROM users WHERE name = '" + req.query.name + "'", (e, rows) => res.json(rows));
});

app.get("/orders/:id", async (req, res) => {
  const sql = `SELECT * FROM orders WHERE id = ${req.params.id}`;
  // ruleid: js-sql-injection-taint
  const result = await pool.query(sql);
  res.json(result.rows);
});

app.post("/search", async (req, res) => {
  // ruleid: js-sql-injection-taint
  const rows = await sequelize.query("SELECT * FROM items WHERE title LIKE '%" + req.body.q + "%'");
  res.json(rows);
});

app.get("/safe", (req, res) => {
  // ok: js-sql-injection-taint
  db.query("SELECT * FROM users WHERE name = ?", [req.query.name], (e, rows) => res.json(rows));
});

app.get("/safe-pg/:id", async (req, res) => {
  // ok: js-sql-injection-taint
  const result = await pool.query("SELECT * FROM orders WHERE id = $1", [req.params.id]);
  res.json(result.rows);
});

app.get("/safe-int", (req, res) => {
  // ok: js-sql-injection-taint
  db.query("SELECT * FROM users LIMIT " + parseInt(req.query.limit, 10));
  // ok: js-sql-injection-taint
  db.query("SELECT * FROM users WHERE name = " + db.escape(req.query.name));
});

// Koa
router.get("/koa", async (ctx) => {
  // ruleid: js-sql-injection-taint
  ctx.body = await pool.query({ text: "SELECT * FROM t WHERE a = '" + ctx.query.a + "'" });
});
