const express = require("express");
const knex = require("knex")({ client: "pg" });
const { Sequelize } = require("sequelize");

const app = express();

app.get("/users", async (req, res) => {
  // ruleid: js-knex-sequelize-raw-injection-taint
  const rows = await knex("users").whereRaw("name = '" + req.query.name + "'");
  res.json(rows);
});

app.get("/sorted", async (req, res) => {
  // ruleid: js-knex-sequelize-raw-injection-taint
  const rows = await knex("users").orderByRaw(`${req.query.sort} DESC`);
  res.json(rows);
});

app.get("/raw", async (req, res) => {
  // ruleid: js-knex-sequelize-raw-injection-taint
  const rows = await knex.raw("SELECT * FROM users WHERE id = " + req.query.id);
  res.json(rows);
});

app.get("/seq", async (req, res) => {
  const rows = await Item.findAll({
    // ruleid: js-knex-sequelize-raw-injection-taint
    where: Sequelize.literal(`owner = '${req.query.owner}'`),
  });
  res.json(rows);
});

app.get("/safe", async (req, res) => {
  // ok: js-knex-sequelize-raw-injection-taint
  const rows = await knex("users").whereRaw("name = ?", [req.query.name]);
  // ok: js-knex-sequelize-raw-injection-taint
  const rows2 = await knex.raw("SELECT * FROM users WHERE id = ?", [req.query.id]);
  // ok: js-knex-sequelize-raw-injection-taint
  const rows3 = await knex("users").where({ name: req.query.name });
  res.json({ rows, rows2, rows3 });
});
