const { exec, execSync, execFile } = require("child_process");
const cp = require("child_process");

function archive(dir, cb) {
  // ruleid: js-child-process-exec-non-literal
  exec("tar czf /tmp/out.tgz " + dir, cb);
  // ruleid: js-child-process-exec-non-literal
  cp.execSync(`du -sh ${dir}`);
  // ok: js-child-process-exec-non-literal
  execSync("uptime");
  // ok: js-child-process-exec-non-literal
  execFile("tar", ["czf", "/tmp/out.tgz", dir], cb);
}
