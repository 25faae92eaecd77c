function banner(user) {
  // ruleid: js-dom-document-write-non-literal
  document.write("<h2>Welcome " + user.name + "</h2>");
  // ruleid: js-dom-document-write-non-literal
  document.writeln(user.bio);
  // ok: js-dom-document-write-non-literal
  document.write("<hr>");
  // ok: js-dom-document-write-non-literal
  document.getElementById("name").textContent = user.name;
}
