function compute(expr, payload) {
  // ruleid: js-eval-non-literal
  const a = eval(expr);
  // ruleid: js-eval-non-literal
  const b = eval("(" + payload + ")");
  // ok: js-eval-non-literal
  const c = JSON.parse(payload);
  // ok: js-eval-non-literal
  const d = eval("2 + 2");
  return [a, b, c, d];
}
