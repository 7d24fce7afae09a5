// This machine's npm registry serves only Linux builds of platform packages, so `npm install`
// leaves the macOS/Windows/Android optional builds out of package-lock.json, and `npm ci` then
// refuses the lock as out of sync. This adds each missing optional build as a lock entry that
// names its os/cpu, which npm skips on Linux without fetching. Run after `npm install` changes
// the lock: `node .ci/lock-foreign-platforms.mjs`.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
let out = "";
try {
  execFileSync("npm", ["ci", "--dry-run", "--ignore-scripts"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
} catch (err) {
  out = String(err.stderr) + String(err.stdout);
}
const missing = [...out.matchAll(/Missing: (@?[^@\s]+)@(\S*) from lock file/g)].map((m) => m[1]);
const OS = ["darwin", "win32", "android", "freebsd", "openbsd", "netbsd", "sunos", "aix"];
let added = 0;
for (const name of missing) {
  // The version wanted is the one the package requiring it pins in optionalDependencies.
  const parent = Object.values(lock.packages).find((p) => p.optionalDependencies?.[name]);
  if (!parent) continue;
  const tail = name.split("/").pop();
  const os = OS.find((o) => tail.includes(o));
  const cpu = ["arm64", "x64", "ia32", "arm", "wasm32", "riscv64", "ppc64", "s390x", "loong64"].find((c) => tail.includes(c));
  lock.packages[`node_modules/${name}`] = { version: parent.optionalDependencies[name].replace(/^[\^~]/, ""), optional: true, ...(os ? { os: [os] } : {}), ...(cpu ? { cpu: [cpu] } : {}) };
  added++;
}
writeFileSync("package-lock.json", JSON.stringify(lock, null, 2) + "\n");
console.log(`lock: added ${added} foreign-platform optional entries (${missing.length} reported missing)`);
