const express = require("express");

function createApp() {
  // ruleid: js-express-missing-helmet
  const app = express();
  app.get("/", (req, res) => res.send("ok"));
  return app;
}

function createSecureApp() {
  const helmet = require("helmet");
  // ok: js-express-missing-helmet
  const app = express();
  app.use(helmet());
  return app;
}

function createSecureApp2() {
  // ok: js-express-missing-helmet
  const app = express();
  app.use(helmet({ contentSecurityPolicy: false }));
  return app;
}
