// Values for a zod schema, generated from its JSON Schema (`z.toJSONSchema`, input side): valid
// values, near-valid ones (boundary lengths, wrong types, missing and extra keys, odd numbers)
// and hostile strings, mixed per field so that most requests get past some checks but not all.
import fc from "fast-check";
import { z } from "zod";
import { hostileString } from "./hostile";

/** A JSON fragment written into the body as is: numbers JSON.stringify cannot produce. */
export class RawJson {
  constructor(readonly text: string) {}
}

export interface Node {
  type?: string | string[];
  properties?: Record<string, Node>;
  required?: string[];
  anyOf?: Node[];
  oneOf?: Node[];
  allOf?: Node[];
  enum?: unknown[];
  const?: unknown;
  items?: Node;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  /** Ours, not JSON Schema: the property name this node is the value of. */
  field?: string;
}

/** Realistic values from the database (ids, emails, names, origins, licenses) for any string. */
export interface Known {
  strings: readonly string[];
  /** The same by what a field's name hints at: `email`, `name`, `origin`, `license`, `id`. */
  byHint: Record<string, readonly string[]>;
}

/** The JSON Schema of what the route accepts, or null for a spec entry that is not a zod schema. */
export function jsonSchemaOf(schema: unknown): Node | null {
  if (!(schema instanceof z.ZodType)) return null;
  try {
    return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Node;
  } catch {
    return {}; // anything goes
  }
}

const MAX_SHORT = 40;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `text` meets the node's length, pattern and format (refinements are zod's to judge). */
function accepts(node: Node, text: string): boolean {
  if (text.length < (node.minLength ?? 0) || text.length > (node.maxLength ?? Infinity)) return false;
  if (node.pattern && !new RegExp(node.pattern).test(text)) return false;
  if (node.format === "uuid") return UUID.test(text);
  if (node.format === "uri") return URL.canParse(text);
  return true;
}

/** Known strings for a field, best first: those its name hints at ("email", "origin", "…_id"). */
function knownFor(node: Node, known: Known): { hinted: string[]; other: string[] } {
  const field = node.field ?? "";
  const hints = Object.keys(known.byHint).filter((hint) => field === hint || field.endsWith(`_${hint}`) || field.startsWith(`${hint}_`));
  const hinted = new Set(hints.flatMap((hint) => known.byHint[hint]).filter((s) => accepts(node, s)));
  return { hinted: [...hinted], other: known.strings.filter((s) => !hinted.has(s) && accepts(node, s)) };
}

function stringOf(node: Node, known: Known): fc.Arbitrary<string> {
  const min = node.minLength ?? 0;
  const max = node.maxLength ?? Infinity;
  const upTo = (arb: fc.Arbitrary<string>) => arb.map((text) => text.slice(0, max));
  const options: fc.Arbitrary<string>[] = [];
  // A pattern first (zod gives its email check as one): cut to the maximum rather than filtered,
  // since a pattern may rarely fit, and near-valid is worth sending too.
  if (node.pattern) options.push(upTo(fc.stringMatching(new RegExp(node.pattern))));
  else if (node.format === "uuid") options.push(fc.uuid());
  else if (node.format === "email") options.push(fc.emailAddress());
  else if (node.format === "uri") options.push(fc.webUrl().filter((url) => url.length <= max));
  else {
    options.push(fc.string({ minLength: min, maxLength: Math.max(min, Math.min(max, MAX_SHORT)) }));
    // Shapes free-text fields often mean (origins, URLs, emails), for fields that do not say so.
    options.push(...[fc.webUrl().map((url) => new URL(url).origin), fc.webUrl(), fc.emailAddress()].map(upTo));
  }
  const { hinted, other } = knownFor(node, known);
  const weighted = options.map((arbitrary) => ({ weight: 1, arbitrary }));
  if (other.length > 0) weighted.push({ weight: 1, arbitrary: fc.constantFrom(...other) });
  if (hinted.length > 0) weighted.push({ weight: 2 * options.length, arbitrary: fc.constantFrom(...hinted) });
  return fc.oneof(...weighted);
}

function numberOf(node: Node, integer: boolean): fc.Arbitrary<number> {
  const min = node.minimum ?? node.exclusiveMinimum ?? -1e6;
  const max = node.maximum ?? node.exclusiveMaximum ?? 1e6;
  if (integer) return fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function typeOf(node: Node): string | undefined {
  return Array.isArray(node.type) ? node.type[0] : node.type;
}

/** Values the schema accepts (as far as JSON Schema can say: refinements may still refuse). */
export function valid(node: Node, known: Known): fc.Arbitrary<unknown> {
  const alternatives = node.anyOf ?? node.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((n) => valid({ ...n, field: node.field }, known)));
  if (node.allOf?.length) return valid(node.allOf[0], known);
  if (node.enum) return fc.constantFrom(...node.enum);
  if ("const" in node) return fc.constant(node.const);
  switch (typeOf(node)) {
    case "string":
      return stringOf(node, known);
    case "integer":
      return numberOf(node, true);
    case "number":
      return numberOf(node, false);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(valid(node.items ?? {}, known), { maxLength: 4 });
    case "object":
      return objectOf(node, (child) => valid(child, known));
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectOf(node: Node, field: (child: Node) => fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  const properties = node.properties ?? {};
  const model = Object.fromEntries(Object.entries(properties).map(([key, child]) => [key, field({ ...child, field: key })]));
  return fc.record(model, { requiredKeys: (node.required ?? []).filter((key) => key in properties) }) as fc.Arbitrary<Record<string, unknown>>;
}

const WRONG_TYPES: unknown[] = [null, true, false, 0, -1, "", [], {}, ["x"], { a: 1 }, [[[]]], new RawJson('{"__proto__":{"polluted":true}}')];
const ODD_NUMBERS: unknown[] = [
  -1, 0, 1.5, -0, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE,
  new RawJson("1e400"), new RawJson("-1e400"), new RawJson("1.0"), new RawJson("1e2"), new RawJson("100000000000000000000000000"), new RawJson("-0.0"),
  "1", "1.5", "NaN", "Infinity", "", " 1", "0x10", "1e400",
];

/** Near-valid: the right idea, a wrong detail. */
export function nearValid(node: Node, known: Known): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [fc.constantFrom(...WRONG_TYPES)];
  const type = typeOf(node);
  if (type === "string" || node.enum) {
    const { minLength: min, maxLength: max } = node;
    if (min !== undefined && min > 0) options.push(fc.constant("a".repeat(min - 1)));
    if (max !== undefined) options.push(fc.constantFrom("a".repeat(max), "a".repeat(max + 1), "é".repeat(max + 1), "😀".repeat(Math.ceil((max + 1) / 2))));
    options.push(fc.constantFrom(...ODD_NUMBERS));
    if (node.enum) options.push(fc.constantFrom(...node.enum.map((v) => String(v).toUpperCase()), ...node.enum.map((v) => ` ${String(v)} `), "owner", "primary"));
    options.push(valid(node, known).map((v) => (typeof v === "string" ? v.toUpperCase() : v)));
    options.push(valid(node, known).map((v) => (typeof v === "string" ? ` ${v}\t` : v)));
  }
  if (type === "integer" || type === "number") {
    options.push(fc.constantFrom(...ODD_NUMBERS));
    for (const bound of [node.minimum, node.maximum]) if (bound !== undefined) options.push(fc.constantFrom(bound - 1, bound + 1, bound + 0.5, String(bound)));
  }
  if (type === "boolean") options.push(fc.constantFrom("true", "false", 1, 0, "yes"));
  if (type === "object") {
    const keys = Object.keys(node.properties ?? {});
    const whole = valid(node, known) as fc.Arbitrary<Record<string, unknown>>;
    if (keys.length > 0) options.push(fc.tuple(whole, fc.constantFrom(...keys)).map(([value, key]) => omit(value, key)));
    options.push(fc.tuple(whole, fc.constantFrom("extra", "__proto__", "constructor", "id", "role", "owner", "is_admin", ""), fc.jsonValue({ maxDepth: 1 })).map(([value, key, extra]) => withKey(value, key, extra)));
    options.push(whole.map((value) => [value]));
  }
  if (node.anyOf || node.oneOf) options.push(...(node.anyOf ?? node.oneOf ?? []).map((n) => nearValid({ ...n, field: node.field }, known)));
  return fc.oneof(...options);
}

function omit(value: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

/** Adds a key as JSON.parse would make it: an own property even when it is "__proto__". */
function withKey(value: Record<string, unknown>, key: string, extra: unknown): Record<string, unknown> {
  const copy = { ...value };
  Object.defineProperty(copy, key, { value: extra, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** Any field may be valid, near-valid or hostile, independently of the others. */
export function mixed(node: Node, known: Known, depth = 0): fc.Arbitrary<unknown> {
  const type = typeOf(node);
  const alternatives = node.anyOf ?? node.oneOf;
  const self =
    depth >= 3 ? valid(node, known)
    : alternatives ? fc.oneof(...alternatives.map((n) => mixed({ ...n, field: node.field }, known, depth + 1)))
    : type === "object" ? objectOf(node, (child) => mixed(child, known, depth + 1))
    : valid(node, known);
  return fc.oneof(
    { withCrossShrink: true }, // a failure shrinks towards valid fields, leaving only the one that matters
    { weight: 5, arbitrary: self },
    { weight: 2, arbitrary: nearValid(node, known) },
    // Hostile text belongs in the leaves: a whole object replaced by a string is inputFor's junk.
    { weight: type === "object" ? 1 : 3, arbitrary: bad(node, known) },
  );
}

/** A hostile string for this position (inside a valid one when the position is a string). */
function bad(node: Node, known: Known): fc.Arbitrary<string> {
  return hostileString(typeOf(node) === "string" ? (valid(node, known) as fc.Arbitrary<string>) : fc.constant(""));
}

/** Everything valid but one field, which is near-valid or hostile: reaches the code behind the other checks. */
export function spoiled(node: Node, known: Known, depth = 0): fc.Arbitrary<unknown> {
  const properties = node.properties ?? {};
  const keys = Object.keys(properties);
  const alternatives = node.anyOf ?? node.oneOf;
  if (alternatives && depth < 3) return fc.oneof(...alternatives.map((n) => spoiled({ ...n, field: node.field }, known, depth + 1)));
  if (typeOf(node) !== "object" || keys.length === 0 || depth >= 3) {
    return fc.oneof({ withCrossShrink: true }, { weight: 3, arbitrary: bad(node, known) }, { weight: 2, arbitrary: nearValid(node, known) });
  }
  return fc.constantFrom(...keys).chain((spoilt) => {
    const field = (key: string) => ({ ...properties[key], field: key });
    const model = Object.fromEntries(keys.map((key) => [key, key === spoilt ? spoiled(field(key), known, depth + 1) : valid(field(key), known)]));
    const required = new Set([...(node.required ?? []).filter((key) => key in properties), spoilt]);
    return fc.record(model, { requiredKeys: [...required] });
  });
}

/** A whole input: often fully valid (to reach the service), or one field spoilt, or many, rarely anything at all. */
export function inputFor(node: Node, known: Known): fc.Arbitrary<unknown> {
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 3, arbitrary: valid(node, known) },
    { weight: 4, arbitrary: spoiled(node, known) },
    { weight: 3, arbitrary: mixed(node, known) },
    { weight: 1, arbitrary: fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileString()) },
  );
}
