function afterLogin() {
  const next = new URLSearchParams(window.location.search).get("next");
  // ruleid: js-dom-open-redirect-taint
  window.location.href = next;
}

function popup() {
  // ruleid: js-dom-open-redirect-taint
  window.open(location.hash.substring(1));
}

window.addEventListener("message", function (e) {
  // ruleid: js-dom-open-redirect-taint
  location.assign(e.data.url);
});

const ALLOWED = ["/home", "/settings"];

function afterLoginSafe() {
  const next = new URLSearchParams(window.location.search).get("next");
  if (ALLOWED.includes(next)) {
    // ok: js-dom-open-redirect-taint
    window.location.href = next;
  }
  // ok: js-dom-open-redirect-taint
  window.location.href = "/search?q=" + encodeURIComponent(next);
  // ok: js-dom-open-redirect-taint
  window.location.href = "/home";
}
