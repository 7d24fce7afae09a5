// The API reference: /api/v2/openapi.json drawn as a page, grouped by tag, every operation with
// its fields. Everything is rendered on the server from the document it is given; the browser
// only filters. No network, no third-party viewer.
import { HTTP_METHODS, type JsonSchema, type OpenApiDocument } from "@/lib/api/openapi";
import { Operation, accessText } from "./operation";
import { OperationFilter, type FilterGroup } from "./operation-filter";
import { TextWithCode } from "@/components/ui/inline-code";
import { SchemaFields } from "./schema-fields";
import { resolver } from "./schema-text";

export function ApiReference({ document }: { document: OpenApiDocument }) {
  const resolve = resolver(document) as (node: JsonSchema) => JsonSchema;
  const groups: FilterGroup[] = document.tags.map((tag) => ({ id: `tag-${slug(tag.name)}`, title: tag.name, description: tag.description, items: [] }));
  for (const [path, item] of Object.entries(document.paths)) {
    for (const verb of HTTP_METHODS) {
      const op = item[verb];
      if (!op) continue;
      const method = verb.toUpperCase();
      const group = groups.find((g) => g.title === op.tags[0]) ?? groups[groups.push({ id: "tag-other", title: "Other", items: [] }) - 1];
      group.items.push({
        id: op.operationId,
        text: [method, path, op.summary, op.tags.join(" "), accessText(op)].join(" "),
        entry: (
          <>
            <span className="w-12 shrink-0 font-mono text-[0.7rem] font-bold text-zinc-600 dark:text-zinc-400">{method}</span>
            <span className="truncate font-mono text-xs text-zinc-800 dark:text-zinc-200">{path.replace(/^\/api\/v2/, "")}</span>
          </>
        ),
        node: <Operation op={op} method={method} path={path} resolve={resolve} />,
      });
    }
  }
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API reference</h1>
        <p className="mt-1 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">
          {document.info.title} {document.info.version}. <TextWithCode text={document.info.description ?? ""} /> The same document, as OpenAPI 3.1, is at{" "}
          <a href="/api/v2/openapi.json" className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
            /api/v2/openapi.json
          </a>
          .
        </p>
      </div>
      <details className="rounded-xl border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
        <summary className="cursor-pointer font-semibold text-zinc-900 dark:text-zinc-50">Authentication and errors</summary>
        <ul className="mt-3 space-y-2">
          {Object.entries(document.components.securitySchemes).map(([name, scheme]) => (
            <li key={name}>
              <span className="font-mono font-semibold">{scheme.in === "cookie" ? `Cookie ${scheme.name}` : scheme.in === "header" ? `Header ${scheme.name}` : `Authorization: Bearer${scheme.bearerFormat ? ` (${scheme.bearerFormat})` : ""}`}</span>
              <span className="text-zinc-700 dark:text-zinc-300">
                {" "}
                — <TextWithCode text={scheme.description ?? ""} />
              </span>
            </li>
          ))}
        </ul>
        <h2 id="error-shape" className="mt-4 scroll-mt-24 font-semibold text-zinc-900 dark:text-zinc-50">
          The error shape
        </h2>
        <p className="mb-2 text-zinc-700 dark:text-zinc-300">Every 4xx and 503 answers with this JSON.</p>
        <SchemaFields schema={document.components.schemas.Error} resolve={resolve} />
      </details>
      <OperationFilter groups={groups.filter((g) => g.items.length > 0)} />
    </div>
  );
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

