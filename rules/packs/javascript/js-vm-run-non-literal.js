const vm = require("vm");

function run(source, sandbox) {
  // ruleid: js-vm-run-non-literal
  vm.runInNewContext(source, sandbox);
  // ruleid: js-vm-run-non-literal
  const script = new vm.Script("(function(){" + source + "})()");
  // ok: js-vm-run-non-literal
  vm.runInNewContext("1 + 1", {});
  return script;
}
