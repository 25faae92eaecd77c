function render(el, comment, html) {
  // ruleid: js-dom-innerhtml-non-literal
  el.innerHTML = "<p>" + comment.text + "</p>";
  // ruleid: js-dom-innerhtml-non-literal
  el.outerHTML = html;
  // ruleid: js-dom-innerhtml-non-literal
  el.innerHTML += `<li>${comment.author}</li>`;
  // ok: js-dom-innerhtml-non-literal
  el.innerHTML = "";
  // ok: js-dom-innerhtml-non-literal
  el.innerHTML = DOMPurify.sanitize(html);
  // ok: js-dom-innerhtml-non-literal
  el.textContent = comment.text;
}
