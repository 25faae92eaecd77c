function runFromHash() {
  const code = decodeURIComponent(location.hash.slice(1));
  // ruleid: js-dom-code-injection-taint
  eval(code);
  // ok: js-dom-code-injection-taint
  const data = JSON.parse(code);
  return data;
}

window.addEventListener("message", (event) => {
  // ruleid: js-dom-code-injection-taint
  setTimeout(event.data.callback, 10);
  // ok: js-dom-code-injection-taint
  setTimeout(() => handle(event.data), 10);
});

function fromName() {
  // ruleid: js-dom-code-injection-taint
  const fn = new Function("x", window.name);
  return fn;
}
