// ruleid: js-hardcoded-secret
const dbPassword = "hunter2-prod";
// ok: js-hardcoded-secret
const dbPassword2 = process.env.DB_PASSWORD;
// ok: js-hardcoded-secret
const passwordLabel = "Password";

const config = {
  host: "db.internal",
  // ruleid: js-hardcoded-secret
  apiKey: "k-81f0c2aa9e",
  // ok: js-hardcoded-secret
  apiKeyHeader: "X-Api-Key",
  // ok: js-hardcoded-secret
  clientSecret: process.env.CLIENT_SECRET,
  // ok: js-hardcoded-secret
  password: new Definition("password", { type: String }),
  // ok: js-hardcoded-secret
  authToken: "XXXXX",
};

// ok: js-hardcoded-secret
app.use(session({ secret: "covered-by-its-own-rule" }));
