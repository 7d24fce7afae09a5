// The layering rule is a lint rule; this proves it fires, so removing it breaks the build.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint();

async function lint(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("layering lint rule", () => {
  it.each(["components/overview/x.tsx", "lib/x.ts"])("refuses server/ imports in %s", async (file) => {
    expect(await lint(file, `import { db } from "@/server/db";\nexport const x = db;\n`)).toEqual([expect.stringContaining("must not import server/")]);
  });

  it("allows app/ to import server/", async () => {
    expect(await lint("app/x.ts", `import { db } from "@/server/db";\nexport const x = db;\n`)).toEqual([]);
  });
});
