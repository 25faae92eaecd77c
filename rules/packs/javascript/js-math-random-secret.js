const crypto = require("crypto");

// ruleid: js-math-random-secret
const resetToken = Math.random().toString(36).slice(2);
// ruleid: js-math-random-secret
user.sessionId = Math.floor(Math.random() * 1e16).toString(16);
// ok: js-math-random-secret
const apiKey = crypto.randomBytes(32).toString("hex");
// ok: js-math-random-secret
const jitter = Math.random() * 100;

function generatePassword() {
  // ruleid: js-math-random-secret
  return Array.from({ length: 12 }, () => CHARS[Math.floor(Math.random() * CHARS.length)]).join("");
}

function pickColor() {
  // ok: js-math-random-secret
  return COLORS[Math.floor(Math.random() * COLORS.length)];
}
