// How a JSON Schema node (as z.toJSONSchema writes it) reads in the API reference: its type in a
// few words, and its constraints. Pure functions: the reference renders on the server.
import type { JsonSchema } from "@/lib/api/openapi";

/** The bounds zod writes for every integer (the safe-integer range): they say nothing to a reader. */
const SAFE_MAX = Number.MAX_SAFE_INTEGER;

/** The document with its local `$ref`s followed. */
export function resolver(root: unknown) {
  return function resolve(node: JsonSchema): JsonSchema {
    if (!node.$ref?.startsWith("#/")) return node;
    const target = node.$ref
      .slice(2)
      .split("/")
      .reduce<unknown>((at, part) => (at && typeof at === "object" ? (at as Record<string, unknown>)[part.replaceAll("~1", "/").replaceAll("~0", "~")] : undefined), root);
    return target ? resolve(target as JsonSchema) : node;
  };
}

/** The node without its `null` alternative, and whether it had one. */
export function withoutNull(node: JsonSchema): { node: JsonSchema; nullable: boolean } {
  const variants = node.anyOf ?? node.oneOf;
  if (variants?.some((v) => v.type === "null")) {
    const rest = variants.filter((v) => v.type !== "null");
    return { node: rest.length === 1 ? { ...rest[0], default: node.default ?? rest[0].default, description: node.description ?? rest[0].description } : { ...node, anyOf: rest, oneOf: undefined }, nullable: true };
  }
  if (Array.isArray(node.type) && node.type.includes("null")) {
    const types = node.type.filter((t) => t !== "null");
    return { node: { ...node, type: types.length === 1 ? types[0] : types }, nullable: true };
  }
  return { node, nullable: false };
}

/** Object-like nodes whose fields are worth listing. */
export function isObject(node: JsonSchema): boolean {
  return node.type === "object" || node.properties !== undefined;
}

/** A map: an object whose keys are free (or drawn from an enum) and whose values share one schema. */
export function mapValue(node: JsonSchema): JsonSchema | null {
  return isObject(node) && !node.properties && typeof node.additionalProperties === "object" ? node.additionalProperties : null;
}

/** The type in a few words: `string`, `integer`, `array of object`, `map of string → integer`, `one of 2`. */
export function typeLabel(input: JsonSchema, resolve: (n: JsonSchema) => JsonSchema = (n) => n): string {
  const { node, nullable } = withoutNull(resolve(input));
  const base = baseLabel(node, resolve);
  return nullable ? `${base} or null` : base;
}

function baseLabel(node: JsonSchema, resolve: (n: JsonSchema) => JsonSchema): string {
  if (node.const !== undefined) return JSON.stringify(node.const);
  const variants = node.anyOf ?? node.oneOf;
  if (variants) return `one of ${variants.length}`;
  const value = mapValue(node);
  if (value) return `map of ${node.propertyNames?.enum ? "name" : "string"} → ${typeLabel(value, resolve)}`;
  if (node.type === "array") return node.items ? `array of ${typeLabel(node.items, resolve)}` : "array";
  if (Array.isArray(node.type)) return node.type.join(" or ");
  if (node.type) return node.type;
  return isObject(node) ? "object" : "any";
}

/** What else a value must be, in short phrases. */
export function constraints(input: JsonSchema): string[] {
  const { node } = withoutNull(input);
  const out: string[] = [];
  if (node.format) out.push(node.format);
  if (node.enum) out.push(`one of: ${node.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  if (node.propertyNames?.enum) out.push(`names: ${node.propertyNames.enum.join(", ")}`);
  if (node.minLength !== undefined && node.maxLength !== undefined) out.push(`${node.minLength}–${node.maxLength} characters`);
  else if (node.minLength !== undefined) out.push(`at least ${node.minLength} characters`);
  else if (node.maxLength !== undefined) out.push(`at most ${node.maxLength} characters`);
  const min = node.minimum !== undefined && node.minimum > -SAFE_MAX ? node.minimum : undefined;
  const max = node.maximum !== undefined && node.maximum < SAFE_MAX ? node.maximum : undefined;
  if (min !== undefined && max !== undefined) out.push(`${min} to ${max}`);
  else if (min !== undefined) out.push(`≥ ${min}`);
  else if (max !== undefined) out.push(`≤ ${max}`);
  if (node.exclusiveMinimum !== undefined) out.push(`> ${node.exclusiveMinimum}`);
  if (node.exclusiveMaximum !== undefined) out.push(`< ${node.exclusiveMaximum}`);
  if (node.minItems !== undefined) out.push(`at least ${node.minItems} items`);
  if (node.maxItems !== undefined) out.push(`at most ${node.maxItems} items`);
  // A format's own pattern (zod writes one for uuid, email, date-time) repeats the format.
  if (node.pattern && !node.format) out.push(`matches ${node.pattern}`);
  if (input.default !== undefined) out.push(`default ${JSON.stringify(input.default)}`);
  return out;
}
