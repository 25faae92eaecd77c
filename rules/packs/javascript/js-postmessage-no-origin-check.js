// ruleid: js-postmessage-no-origin-check
window.addEventListener("message", (event) => {
  document.getElementById("out").textContent = event.data.text;
});

// ruleid: js-postmessage-no-origin-check
window.addEventListener("message", function (e) {
  applySettings(e.data);
}, false);

// ok: js-postmessage-no-origin-check
window.addEventListener("message", (event) => {
  if (event.origin !== "https://app.example.com") return;
  applySettings(event.data);
});

// ok: js-postmessage-no-origin-check
window.addEventListener("message", function (e) {
  if (TRUSTED_ORIGINS.includes(e.origin)) {
    e.data.items.forEach(function (item) {
      applySettings(item);
    });
  }
});
