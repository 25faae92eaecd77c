function showGreeting() {
  const name = new URLSearchParams(location.search).get("name");
  // ruleid: js-dom-xss-taint
  document.getElementById("greeting").innerHTML = "Hello " + name;
  // ok: js-dom-xss-taint
  document.getElementById("greeting").textContent = "Hello " + name;
  // ok: js-dom-xss-taint
  document.getElementById("greeting2").innerHTML = DOMPurify.sanitize("Hello " + name);
}

function showTab() {
  const tab = decodeURIComponent(window.location.hash.slice(1));
  // ruleid: js-dom-xss-taint
  document.write("<div class='tab'>" + tab + "</div>");
  // ruleid: js-dom-xss-taint
  $("#tab").html(tab);
  // ok: js-dom-xss-taint
  $("#tab").text(tab);
}

window.addEventListener("message", (event) => {
  // ruleid: js-dom-xss-taint
  document.body.insertAdjacentHTML("beforeend", event.data.html);
});

function fromReferrer() {
  // ruleid: js-dom-xss-taint
  document.querySelector("#ref").outerHTML = `<a href="${document.referrer}">back</a>`;
  // ok: js-dom-xss-taint
  document.querySelector("#static").innerHTML = "<b>static</b>";
}
