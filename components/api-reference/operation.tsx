// One operation of the API reference: method and path (its anchor), who may call it, its
// parameters, body and answers. Drawn on the server from the OpenAPI document.
import type { AccessLevel, JsonSchema, OperationObject, ResponseObject } from "@/lib/api/openapi";
import { TextWithCode } from "@/components/ui/inline-code";
import { SchemaFields } from "./schema-fields";

const METHOD_TONE: Record<string, string> = {
  GET: "bg-sky-100 text-sky-900 dark:bg-sky-400/15 dark:text-sky-200",
  POST: "bg-emerald-100 text-emerald-900 dark:bg-emerald-400/15 dark:text-emerald-200",
  PUT: "bg-amber-100 text-amber-900 dark:bg-amber-400/15 dark:text-amber-200",
  PATCH: "bg-amber-100 text-amber-900 dark:bg-amber-400/15 dark:text-amber-200",
  DELETE: "bg-red-100 text-red-900 dark:bg-red-400/15 dark:text-red-200",
};

const WHO: Record<AccessLevel, string> = {
  public: "Anyone, signed in or not",
  member: "Any signed-in user",
  admin: "Admins and owners",
  owner: "Owners",
  proxy: "Workspace proxies, with their proxy token",
};

export function accessText(op: OperationObject): string {
  return WHO[op["x-meridian-access"]] + (op["x-meridian-embed"] ? "; an embed token too" : "");
}

export function MethodBadge({ method }: { method: string }) {
  return <span className={`inline-block w-16 shrink-0 rounded px-1.5 py-0.5 text-center font-mono text-xs font-bold ${METHOD_TONE[method] ?? ""}`}>{method}</span>;
}

export function Operation({ op, method, path, resolve }: { op: OperationObject; method: string; path: string; resolve: (n: JsonSchema) => JsonSchema }) {
  const headingId = `${op.operationId}-heading`;
  const params = op.parameters ?? [];
  const body = op.requestBody?.content["application/json"]?.schema;
  return (
    <article id={op.operationId} aria-labelledby={headingId} className="scroll-mt-24 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <h3 id={headingId} className="flex min-w-0 flex-wrap items-center gap-2">
        <MethodBadge method={method} />
        <code className="font-mono text-sm font-semibold break-all text-zinc-900 dark:text-zinc-50">{path}</code>
        <a href={`#${op.operationId}`} className="rounded text-sm text-zinc-500 hover:text-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-zinc-400 dark:hover:text-indigo-300">
          <span aria-hidden="true">#</span>
          <span className="sr-only">Link to {method} {path}</span>
        </a>
      </h3>
      {op.summary && <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{op.summary}.</p>}
      <dl className="mt-3 space-y-3">
        <Part title="Who may call it">
          <p className="text-sm text-zinc-700 dark:text-zinc-300">{accessText(op)}</p>
        </Part>
        {params.length > 0 && (
          <Part title="Parameters">
            <ul className="space-y-1.5 text-sm">
              {params.map((p) => (
                <li key={`${p.in}:${p.name}`}>
                  <SchemaFields schema={{ type: "object", properties: { [p.name]: p.schema }, required: p.required ? [p.name] : [] }} resolve={resolve} />
                  <span className="text-xs text-zinc-600 dark:text-zinc-400">in {p.in === "path" ? "the path" : "the query string"}</span>
                </li>
              ))}
            </ul>
          </Part>
        )}
        {body && (
          <Part title="Request body (JSON)">
            <SchemaFields schema={body} resolve={resolve} />
          </Part>
        )}
        <Part title="Responses">
          <ul className="space-y-2">
            {Object.entries(op.responses).map(([status, response]) => (
              <Response key={status} status={status} response={resolve(response as JsonSchema) as ResponseObject} isError={(response as { $ref?: string }).$ref !== undefined} resolve={resolve} />
            ))}
          </ul>
        </Part>
      </dl>
    </article>
  );
}

function Part({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">{title}</dt>
      <dd className="mt-1">{children}</dd>
    </div>
  );
}

function Response({ status, response, isError, resolve }: { status: string; response: ResponseObject; isError: boolean; resolve: (n: JsonSchema) => JsonSchema }) {
  const [type, media] = Object.entries(response.content ?? {})[0] ?? [];
  return (
    <li className="text-sm">
      <p className="flex flex-wrap items-baseline gap-x-2">
        <span className={`font-mono font-semibold ${status.startsWith("2") ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"}`}>{status}</span>
        <span className="text-zinc-700 dark:text-zinc-300">
          <TextWithCode text={response.description} />
        </span>
        {isError && (
          <a href="#error-shape" className="text-xs text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
            error shape
          </a>
        )}
        {!isError && type && type !== "application/json" && <code className="font-mono text-xs">{type}</code>}
      </p>
      {!isError && media && (
        <div className="mt-1.5 border-l-2 border-emerald-200 pl-3 dark:border-emerald-900">
          <SchemaFields schema={media.schema} resolve={resolve} />
        </div>
      )}
    </li>
  );
}
