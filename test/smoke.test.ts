import { describe, expect, it } from "vitest";
import { withTestDatabase } from "./support/database";
import { prisma } from "@/server/db";

describe("test database", () => {
  withTestDatabase();
  it("is migrated", async () => {
    expect(await prisma().workspaceProxy.count()).toBe(0);
  });
});
