const http = require("http");

const server = http.createServer(handler);
// ruleid: js-bind-all-interfaces
server.listen(8080, "0.0.0.0");
// ruleid: js-bind-all-interfaces
fastify.listen({ port: 3000, host: "0.0.0.0" });
// ok: js-bind-all-interfaces
server.listen(8080, "127.0.0.1");
// ok: js-bind-all-interfaces
fastify.listen({ port: 3000, host: "localhost" });
