function addRow(table, item) {
  // ruleid: js-dom-insertadjacenthtml-non-literal
  table.insertAdjacentHTML("beforeend", "<tr><td>" + item.name + "</td></tr>");
  // ok: js-dom-insertadjacenthtml-non-literal
  table.insertAdjacentHTML("beforeend", "<tr><td>-</td></tr>");
  // ok: js-dom-insertadjacenthtml-non-literal
  table.insertAdjacentHTML("beforeend", DOMPurify.sanitize(item.html));
  // ok: js-dom-insertadjacenthtml-non-literal
  table.insertAdjacentText("beforeend", item.name);
}
