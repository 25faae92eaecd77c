function schedule(name) {
  // ruleid: js-settimeout-string
  setTimeout("refresh('" + name + "')", 1000);
  // ruleid: js-settimeout-string
  setInterval(`poll("${name}")`, 5000);
  // ruleid: js-settimeout-string
  window.setTimeout("tick()", 10);
  // ok: js-settimeout-string
  setTimeout(() => refresh(name), 1000);
  // ok: js-settimeout-string
  setInterval(poll, 5000);
  // ok: js-settimeout-string
  setTimeout(function () {
    log("done");
  }, 10);
}
