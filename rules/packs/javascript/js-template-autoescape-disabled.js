const nunjucks = require("nunjucks");
const Handlebars = require("handlebars");
const Mustache = require("mustache");

// ruleid: js-template-autoescape-disabled
nunjucks.configure("views", { autoescape: false, express: app });
// ok: js-template-autoescape-disabled
nunjucks.configure("views", { autoescape: true, express: app });
// ruleid: js-template-autoescape-disabled
const tpl = Handlebars.compile(source, { noEscape: true });
// ok: js-template-autoescape-disabled
const tpl2 = Handlebars.compile(source, { strict: true });
// ruleid: js-template-autoescape-disabled
Mustache.escape = function (text) { return text; };
