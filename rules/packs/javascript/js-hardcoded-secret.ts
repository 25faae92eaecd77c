// ruleid: js-hardcoded-secret
const adminPassword: string = "hunter2-admin";
// ok: js-hardcoded-secret
const adminPassword2: string = process.env.ADMIN_PASSWORD ?? "";
