const { spawn, spawnSync } = require("child_process");

function run(cmd, file) {
  // ruleid: js-child-process-spawn-shell
  spawn(cmd, { shell: true });
  // ruleid: js-child-process-spawn-shell
  spawnSync("convert " + file + " out.png", [], { shell: true, stdio: "inherit" });
  // ok: js-child-process-spawn-shell
  spawn("convert", [file, "out.png"], { stdio: "inherit" });
  // ok: js-child-process-spawn-shell
  spawn("npm run build", { shell: true });
}
