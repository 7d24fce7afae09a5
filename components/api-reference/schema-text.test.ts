import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { JsonSchema } from "@/lib/api/openapi";
import { constraints, typeLabel } from "./schema-text";

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "output", unrepresentable: "any" }) as JsonSchema;

describe("schema text", () => {
  it("names types as a reader says them", () => {
    expect(typeLabel(schema(z.string()))).toBe("string");
    expect(typeLabel(schema(z.number().int().nullable()))).toBe("integer or null");
    expect(typeLabel(schema(z.array(z.object({ a: z.string() }))))).toBe("array of object");
    expect(typeLabel(schema(z.record(z.enum(["a", "b"]), z.number())))).toBe("map of name → number");
    expect(typeLabel(schema(z.union([z.object({ a: z.string() }), z.object({ b: z.string() })])))).toBe("one of 2");
    expect(typeLabel(schema(z.literal(true)))).toBe("true");
    expect(typeLabel({})).toBe("any");
  });

  it("lists constraints without the noise zod adds (safe-integer bounds, a format's pattern)", () => {
    expect(constraints(schema(z.number().int()))).toEqual([]);
    expect(constraints(schema(z.uuid()))).toEqual(["uuid"]);
    expect(constraints(schema(z.string().min(1).max(63).regex(/^[a-z]+$/)))).toEqual(["1–63 characters", "matches ^[a-z]+$"]);
    expect(constraints(z.toJSONSchema(z.enum(["1h", "24h"]).default("24h"), { io: "input" }) as JsonSchema)).toEqual(['one of: "1h", "24h"', 'default "24h"']);
    expect(constraints(schema(z.number().min(-90).max(90)))).toEqual(["-90 to 90"]);
  });
});
