// One behaviour for members on admin pages: 403. A page's own requireRole("admin") is not enough
// where a loading.tsx streams the page (the status is sent, 200, before the page runs), so every
// admin page must sit under a layout that is AdminLayout, which runs before any loading boundary.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const CONSOLE = path.resolve(import.meta.dirname, "../app/(console)");

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pages(path.join(dir, e.name)) : e.name === "page.tsx" ? [path.join(dir, e.name)] : [],
  );
}

/** Whether a layout.tsx between the console's own layout and the page is AdminLayout. */
function underAdminLayout(page: string): boolean {
  for (let dir = path.dirname(page); dir !== CONSOLE; dir = path.dirname(dir)) {
    const layout = path.join(dir, "layout.tsx");
    if (existsSync(layout) && /export \{ AdminLayout as default \} from "@\/server\/auth\/page"/.test(readFileSync(layout, "utf8"))) return true;
  }
  return false;
}

describe("admin pages", () => {
  const admin = pages(CONSOLE).filter((p) => readFileSync(p, "utf8").includes('requireRole("admin")'));

  it("are found (the check would pass vacuously otherwise)", () => {
    expect(admin.length).toBeGreaterThanOrEqual(10);
  });

  it("each sit under AdminLayout", () => {
    expect(admin.filter((p) => !underAdminLayout(p)).map((p) => path.relative(CONSOLE, p))).toEqual([]);
  });
});
