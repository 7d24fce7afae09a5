// A JSON Schema drawn as a nested list of fields: name, type, required or optional, constraints.
// Rendered on the server: nothing here runs in the browser.
import type { JsonSchema } from "@/lib/api/openapi";
import { constraints, isObject, mapValue, typeLabel, withoutNull } from "./schema-text";

type Resolve = (node: JsonSchema) => JsonSchema;

/** The fields of `schema`; a schema without fields (a string, an array of strings) as one line. */
export function SchemaFields({ schema, resolve }: { schema: JsonSchema; resolve: Resolve }) {
  const node = withoutNull(resolve(schema)).node;
  if (isObject(node) && node.properties) return <FieldList node={node} resolve={resolve} />;
  return (
    <ul className="text-sm">
      <Field name={null} schema={schema} required resolve={resolve} />
    </ul>
  );
}

function FieldList({ node, resolve }: { node: JsonSchema; resolve: Resolve }) {
  const required = new Set(node.required ?? []);
  const entries = Object.entries(node.properties ?? {});
  if (entries.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">An empty object.</p>;
  return (
    <ul className="space-y-1.5 text-sm">
      {entries.map(([name, child]) => (
        <Field key={name} name={name} schema={child} required={required.has(name)} resolve={resolve} />
      ))}
    </ul>
  );
}

function Field({ name, schema, required, resolve }: { name: string | null; schema: JsonSchema; required: boolean; resolve: Resolve }) {
  const resolved = resolve(schema);
  const inner = withoutNull(resolved).node;
  const notes = constraints(resolved);
  return (
    <li className="min-w-0">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
        {name !== null && <code className="font-mono font-semibold break-all text-zinc-900 dark:text-zinc-100">{name}</code>}
        <span className="font-mono text-xs text-indigo-800 dark:text-indigo-300">{typeLabel(resolved, resolve)}</span>
        {name !== null && <span className={`text-xs ${required ? "font-medium text-amber-800 dark:text-amber-300" : "text-zinc-600 dark:text-zinc-400"}`}>{required ? "required" : "optional"}</span>}
        {notes.length > 0 && <span className="text-xs break-all text-zinc-600 dark:text-zinc-400">{notes.join(" · ")}</span>}
      </div>
      {resolved.description && <p className="text-xs text-zinc-600 dark:text-zinc-400">{resolved.description}</p>}
      <Nested node={inner} resolve={resolve} />
    </li>
  );
}

/** The fields inside: an object's, an array's items', a map's values', or each alternative's. */
function Nested({ node, resolve }: { node: JsonSchema; resolve: Resolve }) {
  const inside = (child: JsonSchema) => withoutNull(resolve(child)).node;
  let target: JsonSchema | null = null;
  if (isObject(node) && node.properties) target = node;
  else if (node.type === "array" && node.items && isObject(inside(node.items))) target = inside(node.items);
  else if (mapValue(node) && isObject(inside(mapValue(node)!))) target = inside(mapValue(node)!);
  const variants = node.anyOf ?? node.oneOf;
  if (target?.properties)
    return (
      <div className="mt-1.5 border-l-2 border-zinc-200 pl-3 dark:border-zinc-700">
        <FieldList node={target} resolve={resolve} />
      </div>
    );
  if (variants)
    return (
      <ol className="mt-1.5 space-y-1.5 border-l-2 border-zinc-200 pl-3 dark:border-zinc-700">
        {variants.map((variant, i) => (
          <li key={i}>
            <p className="text-xs font-medium text-zinc-700 dark:text-zinc-300">Either ({i + 1}):</p>
            <SchemaFields schema={variant} resolve={resolve} />
          </li>
        ))}
      </ol>
    );
  return null;
}
