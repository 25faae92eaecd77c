const ALLOWED = new Set(["https://app.example.com"]);

app.use((req, res, next) => {
  // ruleid: js-cors-reflected-origin-taint
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin);
  res.setHeader("Access-Control-Allow-Credentials", "true");
  next();
});

app.use((req, res, next) => {
  const origin = req.get("origin");
  if (ALLOWED.has(origin)) {
    // ok: js-cors-reflected-origin-taint
    res.setHeader("Access-Control-Allow-Origin", origin);
  }
  // ok: js-cors-reflected-origin-taint
  res.header("Access-Control-Allow-Origin", "https://app.example.com");
  next();
});
