const session = require("express-session");
const cookieParser = require("cookie-parser");

// ruleid: js-express-session-hardcoded-secret
app.use(session({ secret: "keyboard-cat-8812", resave: false }));
// ruleid: js-express-session-hardcoded-secret
app.use(cookieParser("cookie-signing-secret-1"));
// ok: js-express-session-hardcoded-secret
app.use(session({ secret: process.env.SESSION_SECRET, resave: false }));
// ok: js-express-session-hardcoded-secret
app.use(cookieParser(process.env.COOKIE_SECRET));
