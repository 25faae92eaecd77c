const mysql = require("mysql");

const db = mysql.createPool({});

async function findUser(name, id, sort) {
  // ruleid: js-sql-string-built-query
  await db.query("SELECT * FROM users WHERE name = '" + name + "'");
  // ruleid: js-sql-string-built-query
  await db.query(`SELECT * FROM users WHERE id = ${id}`);
  // ruleid: js-sql-string-built-query
  await knex("users").orderByRaw(`${sort} desc`);
  // ok: js-sql-string-built-query
  await db.query("SELECT * FROM users WHERE name = ?", [name]);
  // ok: js-sql-string-built-query
  await db.query("SELECT * FROM users " + "ORDER BY id");
  // ok: js-sql-string-built-query
  await knex("users").whereRaw("name = ?", [name]);
  // ok: js-sql-string-built-query
  await $.query("#sel" + id);
}
