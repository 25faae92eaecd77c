const Handlebars = require("handlebars");

Handlebars.registerHelper("link", function (text, url) {
  // ruleid: js-handlebars-safestring-non-literal
  return new Handlebars.SafeString("<a href='" + url + "'>" + text + "</a>");
});

Handlebars.registerHelper("safeLink", function (text, url) {
  const t = Handlebars.escapeExpression(text);
  // ok: js-handlebars-safestring-non-literal
  return new Handlebars.SafeString("<a href='" + Handlebars.escapeExpression(url) + "'>" + t + "</a>");
});

Handlebars.registerHelper("hr", function () {
  // ok: js-handlebars-safestring-non-literal
  return new Handlebars.SafeString("<hr>");
});
