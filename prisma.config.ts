import { defineConfig } from "prisma/config";

// Read DATABASE_URL with a fallback: `prisma generate` must work without a database.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/meridian" },
});
