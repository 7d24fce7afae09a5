import { describe, expect, it } from "vitest";
import { useTestDatabase } from "./support/database";
import { prisma } from "@/server/db";

describe("test database", () => {
  useTestDatabase();
  it("is migrated", async () => {
    expect(await prisma().workspaceProxy.count()).toBe(0);
  });
});
