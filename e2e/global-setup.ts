// e2e runs against the production bundle: build it once if this checkout has none.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

export default function globalSetup() {
  const root = path.resolve(import.meta.dirname, "..");
  if (existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  execFileSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
}
