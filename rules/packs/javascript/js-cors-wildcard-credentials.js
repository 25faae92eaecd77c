const cors = require("cors");

// ruleid: js-cors-wildcard-credentials
app.use(cors({ origin: true, credentials: true }));
// ruleid: js-cors-wildcard-credentials
app.use(cors({ credentials: true, origin: "*" }));
// ruleid: js-cors-wildcard-credentials
fastify.register(require("@fastify/cors"), { origin: "*", credentials: true });
// ok: js-cors-wildcard-credentials
app.use(cors({ origin: ["https://app.example.com"], credentials: true }));
// ok: js-cors-wildcard-credentials
app.use(cors({ origin: "*" }));
