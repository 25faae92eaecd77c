function compile(rule) {
  // ruleid: js-function-constructor-non-literal
  const f = new Function("ctx", "return " + rule);
  // ruleid: js-function-constructor-non-literal
  const g = Function(rule);
  // ok: js-function-constructor-non-literal
  const h = new Function("a", "b", "return a + b");
  return [f, g, h];
}
